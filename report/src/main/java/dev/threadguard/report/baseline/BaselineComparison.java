package dev.threadguard.report.baseline;

import dev.threadguard.api.Finding;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A module's findings compared with its baseline: each finding is <em>new</em> or <em>baselined</em>; baselined
 * entries that no longer occur are <em>fixed</em>; and new findings that match fixed entries of another file
 * (same rule, member, code) are reported as <em>moved</em>, because a renamed or moved file makes its findings new.
 *
 * @param findings     every finding with its fingerprint, in the analysis' order
 * @param baselineFile the baseline compared with, or null when the module has none (every finding is new)
 * @param fixed        baselined entries that no longer occur, in the baseline's order (entries of files that
 *                     could not be analysed this time are neither found nor fixed)
 * @param moved        per pair of files, how many new findings look like fixed ones of the other file
 */
public record BaselineComparison(List<Judged> findings, Path baselineFile, List<Baseline.Entry> fixed,
                                 List<Moved> moved) {

    /**
     * @param baselined true when the finding is in the baseline, so it never fails the build
     */
    public record Judged(Finding finding, Fingerprint fingerprint, boolean baselined) {
    }

    /** {@code findings} new findings in {@code to} match fixed baselined ones of {@code from}. */
    public record Moved(String from, String to, int findings) {
    }

    /**
     * @param fingerprints the findings' fingerprints, in the same order
     * @param unanalysed   files (relative to the module, as in fingerprints) that could not be read or parsed
     * @param baseline     the module's baseline, or null when it has none
     * @param baselineFile where it was read from (null when {@code baseline} is)
     */
    public static BaselineComparison of(List<Finding> findings, List<Fingerprint> fingerprints,
                                        Set<String> unanalysed, Baseline baseline, Path baselineFile) {
        Set<String> baselined = new HashSet<>();
        if (baseline != null) {
            for (Baseline.Entry entry : baseline.findings()) {
                baselined.add(entry.fingerprint());
            }
        }
        List<Judged> judged = new ArrayList<>(findings.size());
        Set<String> present = new HashSet<>();
        for (int i = 0; i < findings.size(); i++) {
            Fingerprint fingerprint = fingerprints.get(i);
            present.add(fingerprint.key());
            judged.add(new Judged(findings.get(i), fingerprint, baselined.contains(fingerprint.key())));
        }
        List<Baseline.Entry> fixed = new ArrayList<>();
        if (baseline != null) {
            for (Baseline.Entry entry : baseline.findings()) {
                if (!present.contains(entry.fingerprint()) && !unanalysed.contains(entry.file())) {
                    fixed.add(entry);
                }
            }
        }
        return new BaselineComparison(List.copyOf(judged), baseline == null ? null : baselineFile, List.copyOf(fixed),
                moved(judged, fixed));
    }

    private static List<Moved> moved(List<Judged> judged, List<Baseline.Entry> fixed) {
        if (fixed.isEmpty()) {
            return List.of();
        }
        Map<String, String> fixedFileByIdentity = new HashMap<>();
        for (Baseline.Entry entry : fixed) {
            fixedFileByIdentity.putIfAbsent(entry.withoutFile(), entry.file());
        }
        Map<List<String>, Integer> counts = new LinkedHashMap<>();
        for (Judged finding : judged) {
            if (finding.baselined()) {
                continue;
            }
            String from = fixedFileByIdentity.get(finding.fingerprint().withoutFile());
            if (from != null && !from.equals(finding.fingerprint().file())) {
                counts.merge(List.of(from, finding.fingerprint().file()), 1, Integer::sum);
            }
        }
        List<Moved> moved = new ArrayList<>();
        counts.forEach((files, count) -> moved.add(new Moved(files.get(0), files.get(1), count)));
        return List.copyOf(moved);
    }

    /** True when the module has a baseline file. */
    public boolean hasBaseline() {
        return baselineFile != null;
    }

    public List<Finding> newFindings() {
        return findings.stream().filter(judged -> !judged.baselined()).map(Judged::finding).toList();
    }

    public List<Finding> baselinedFindings() {
        return findings.stream().filter(Judged::baselined).map(Judged::finding).toList();
    }
}
