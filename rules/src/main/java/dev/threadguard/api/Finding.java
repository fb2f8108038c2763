package dev.threadguard.api;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.Objects;

/**
 * One problem a rule found in one source file. Besides its position, it says where it is in terms that survive
 * unrelated edits (enclosing type and member, the flagged code), which baselines and SARIF fingerprints use.
 *
 * @param ruleId     the rule's public id, e.g. {@code thread-in-loop}
 * @param severity   the effective severity (the rule's default unless configured otherwise)
 * @param file       the absolute path of the source file
 * @param line       1-based line of the reported node's start
 * @param column     1-based column of the reported node's start
 * @param endLine    1-based line of the reported node's end
 * @param endColumn  1-based column of the reported node's last character
 * @param message    what is wrong, in one sentence
 * @param fix        how to fix it, in one sentence
 * @param sourceLine the text of the source line at {@code line}, for snippets
 * @param enclosingType   the named types around the reported code, outermost first, joined with {@code .}, without
 *                        the package; empty outside of any type
 * @param enclosingMember the member of that type holding the code: {@code name(ParameterTypes)}, a field's name, an
 *                        enum constant's name, {@code static {}} or {@code {}}; empty outside of a member
 * @param flaggedCode     the reported code without whitespace and comments, the bodies inside it as {@code {…}}
 */
public record Finding(String ruleId, Severity severity, Path file, int line, int column, int endLine, int endColumn,
                      String message, String fix, String sourceLine, String enclosingType, String enclosingMember,
                      String flaggedCode) {

    /** Orders findings by file, position and rule, so output is the same on every run. */
    public static final Comparator<Finding> ORDER = Comparator.comparing((Finding f) -> f.file().toString())
            .thenComparingInt(Finding::line)
            .thenComparingInt(Finding::column)
            .thenComparing(Finding::ruleId);

    public Finding {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(message, "message");
        fix = fix == null ? "" : fix;
        sourceLine = sourceLine == null ? "" : sourceLine;
        enclosingType = enclosingType == null ? "" : enclosingType;
        enclosingMember = enclosingMember == null ? "" : enclosingMember;
        flaggedCode = flaggedCode == null ? "" : flaggedCode;
    }

    /** A finding whose place in the code is only known by its line (tests, and findings made by hand). */
    public Finding(String ruleId, Severity severity, Path file, int line, int column, int endLine, int endColumn,
                   String message, String fix, String sourceLine) {
        this(ruleId, severity, file, line, column, endLine, endColumn, message, fix, sourceLine, "", "",
                sourceLine == null ? "" : sourceLine.strip());
    }

    /** A copy of this finding with another severity, for configured severity overrides. */
    public Finding withSeverity(Severity newSeverity) {
        return new Finding(ruleId, newSeverity, file, line, column, endLine, endColumn, message, fix, sourceLine,
                enclosingType, enclosingMember, flaggedCode);
    }
}
