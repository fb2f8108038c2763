package dev.threadguard.report.baseline;

import dev.threadguard.api.Finding;
import dev.threadguard.engine.SourceProblem;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Computes the {@link Fingerprint} of every finding of a module. */
public final class Fingerprints {

    private Fingerprints() {
    }

    /**
     * @param findings        a module's findings in {@link Finding#ORDER}, which numbers identical ones in source
     *                        order
     * @param moduleDirectory file paths in fingerprints are relative to it
     * @return one fingerprint per finding, in the same order
     */
    public static List<Fingerprint> of(List<Finding> findings, Path moduleDirectory) {
        Path base = moduleDirectory.toAbsolutePath().normalize();
        Map<String, Integer> occurrences = new HashMap<>();
        List<Fingerprint> result = new ArrayList<>(findings.size());
        for (Finding finding : findings) {
            String file = relative(base, finding.file());
            String type = finding.enclosingType();
            String member = finding.enclosingMember();
            String code = finding.flaggedCode();
            int occurrence = occurrences.merge(Fingerprint.group(finding.ruleId(), file, type, member, code), 1,
                    Integer::sum);
            result.add(Fingerprint.of(finding.ruleId(), file, type, member, code, occurrence));
        }
        return result;
    }

    /** The files of {@code problems}, relative to the module's directory as in fingerprints. */
    public static Set<String> files(List<SourceProblem> problems, Path moduleDirectory) {
        Path base = moduleDirectory.toAbsolutePath().normalize();
        Set<String> files = new HashSet<>();
        for (SourceProblem problem : problems) {
            files.add(relative(base, problem.file()));
        }
        return files;
    }

    /** {@code file} relative to {@code base} with {@code /}; absolute when it is on another file system root. */
    static String relative(Path base, Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        if (absolute.getRoot() != null && !absolute.getRoot().equals(base.getRoot())) {
            return absolute.toString().replace('\\', '/');
        }
        return base.relativize(absolute).toString().replace('\\', '/');
    }
}
