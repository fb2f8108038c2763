package dev.threadguard.report.baseline;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What identifies a finding across edits, without its line: the rule, the file (relative to the module), the
 * enclosing type and member, and the flagged code with all whitespace removed; {@code occurrence} tells identical
 * ones apart (1 for the first in the file, 2 for the next, ...). Inserting or deleting lines elsewhere,
 * reformatting, or moving the member keeps it; changing the flagged code, the member's signature or the file's
 * path changes it.
 *
 * @param key        {@code <16 hex digits>:<occurrence>}, the baseline's key and SARIF's
 *                   {@code primaryLocationLineHash}
 * @param ruleId     the rule's id
 * @param file       the file's path relative to the module's directory, with {@code /}
 * @param type       the enclosing type, nested types joined with {@code .}, no package; empty at file level
 * @param member     the enclosing member: {@code name(ParameterTypes)}, a field's name, an initializer; empty at
 *                   type level
 * @param code       the flagged code as the engine gives it (comments dropped, bodies shown as {@code {…}})
 * @param occurrence 1-based among findings with all the other parts equal, in source order
 */
public record Fingerprint(String key, String ruleId, String file, String type, String member, String code,
                          int occurrence) {

    public static Fingerprint of(String ruleId, String file, String type, String member, String code,
                                 int occurrence) {
        String digest = sha256(ruleId + '\n' + file + '\n' + type + '\n' + member + '\n' + normalized(code));
        return new Fingerprint(digest.substring(0, 16) + ':' + occurrence, ruleId, file, type, member, code,
                occurrence);
    }

    /** The identity without the file, which a renamed or moved file keeps. */
    String withoutFile() {
        return ruleId + '\n' + member + '\n' + normalized(code) + '\n' + occurrence;
    }

    /** What occurrences are counted over: everything but the occurrence. */
    static String group(String ruleId, String file, String type, String member, String code) {
        return ruleId + '\n' + file + '\n' + type + '\n' + member + '\n' + normalized(code);
    }

    static String normalized(String code) {
        StringBuilder result = new StringBuilder(code.length());
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            if (!Character.isWhitespace(c)) {
                result.append(c);
            }
        }
        return result.toString();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
