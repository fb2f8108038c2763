package dev.threadguard.report.baseline;

import dev.threadguard.api.Finding;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@code threadguard:baseline} makes of the current findings and the previous baseline: every current finding
 * is in the new baseline. Entries still found are kept exactly as they were (their line and message from when they
 * were baselined), so re-running it after unrelated edits changes nothing in the file; fixed ones are dropped and
 * new ones added. Entries of files that could not be analysed this time are kept: nothing is known about them.
 *
 * @param baseline the baseline to write
 * @param added    current findings the previous baseline did not hold
 * @param dropped  previous entries that no longer occur
 * @param kept     how many previous entries still occur
 */
public record BaselineUpdate(Baseline baseline, List<Baseline.Entry> added, List<Baseline.Entry> dropped, int kept) {

    /**
     * @param previous     the baseline so far, or null when there is none
     * @param findings     the module's findings
     * @param fingerprints their fingerprints, in the same order
     * @param unanalysed   files (relative to the module, as in fingerprints) that could not be read or parsed
     */
    public static BaselineUpdate of(Baseline previous, List<Finding> findings, List<Fingerprint> fingerprints,
                                    Set<String> unanalysed) {
        Map<String, Baseline.Entry> before = new HashMap<>();
        if (previous != null) {
            for (Baseline.Entry entry : previous.findings()) {
                before.putIfAbsent(entry.fingerprint(), entry);
            }
        }
        List<Baseline.Entry> entries = new ArrayList<>(findings.size());
        List<Baseline.Entry> added = new ArrayList<>();
        Set<String> current = new HashSet<>();
        for (int i = 0; i < findings.size(); i++) {
            Fingerprint fingerprint = fingerprints.get(i);
            if (!current.add(fingerprint.key())) {
                continue; // cannot happen with occurrence numbers; a duplicate would only repeat an entry
            }
            Baseline.Entry kept = before.get(fingerprint.key());
            if (kept != null) {
                entries.add(kept);
            } else {
                Finding finding = findings.get(i);
                Baseline.Entry entry = Baseline.Entry.of(fingerprint, finding.line(), finding.message());
                entries.add(entry);
                added.add(entry);
            }
        }
        List<Baseline.Entry> dropped = new ArrayList<>();
        for (Baseline.Entry entry : previous == null ? List.<Baseline.Entry>of() : previous.findings()) {
            if (current.contains(entry.fingerprint())) {
                continue;
            }
            if (unanalysed.contains(entry.file())) {
                entries.add(entry);
                current.add(entry.fingerprint());
            } else {
                dropped.add(entry);
            }
        }
        Baseline baseline = Baseline.of(entries);
        return new BaselineUpdate(baseline, Baseline.of(added).findings(), dropped, entries.size() - added.size());
    }

    /** True when writing {@link #baseline()} would change the file's findings. */
    public boolean changes() {
        return !added.isEmpty() || !dropped.isEmpty();
    }
}
