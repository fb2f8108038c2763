package dev.threadguard.report.html;

import dev.threadguard.api.Finding;
import dev.threadguard.engine.RuleSelection;
import dev.threadguard.report.baseline.Baseline;
import dev.threadguard.report.baseline.BaselineComparison;
import dev.threadguard.report.baseline.Fingerprints;
import dev.threadguard.report.sarif.SarifReport;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** Writes {@code threadguard.sarif} as {@code check} does, for report tests. */
final class StaticReports {

    private StaticReports() {
    }

    /**
     * @param root     the repository root and module directory
     * @param baseline the module's baseline, or null for none
     */
    static void write(Path sarif, Path root, List<Finding> findings, Baseline baseline) throws IOException {
        RuleSelection rules = RuleSelection.defaults();
        BaselineComparison checked = BaselineComparison.of(findings, Fingerprints.of(findings, root), Set.of(),
                baseline, baseline == null ? null : root.resolve("threadguard-baseline.json"));
        SarifReport.write(new SarifReport(root, root, "test").log(SarifReport.EnabledRule.of(rules), checked,
                List.of()), sarif);
    }
}
