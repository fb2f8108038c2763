package dev.threadguard.plugin;

import dev.threadguard.api.ConfigurationException;
import dev.threadguard.api.Finding;
import dev.threadguard.api.Severity;
import dev.threadguard.engine.AnalysisResult;
import dev.threadguard.report.OutputFiles;
import dev.threadguard.report.baseline.Baseline;
import dev.threadguard.report.baseline.BaselineComparison;
import dev.threadguard.report.sarif.SarifReport;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Analyses the project's Java sources for thread explosions, unbounded pools and waits that never end, prints
 * every finding with its fix, writes SARIF to {@code target/threadguard/threadguard.sarif}, and fails the build
 * when findings at or above {@code failOnSeverity} remain. With a baseline ({@code threadguard-baseline.json},
 * written by {@code threadguard:baseline}), only findings that are not in it are reported and fail the build.
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class CheckMojo extends AbstractAnalysisMojo {

    static final String GOAL = "check";

    /**
     * The least severe findings that fail the build: {@code error}, {@code warning} or {@code info}.
     */
    @Parameter(property = "threadguard.failOnSeverity", defaultValue = "warning")
    private String failOnSeverity;

    /** Set to false to report findings without failing the build. */
    @Parameter(property = "threadguard.failOnViolation", defaultValue = "true")
    private boolean failOnViolation;

    /** Also print the findings the baseline holds, which are otherwise only counted. */
    @Parameter(property = "threadguard.showBaselined", defaultValue = "false")
    private boolean showBaselined;

    @Override
    protected void executeGoal() throws MojoExecutionException, MojoFailureException {
        if (hasNoSources(GOAL)) {
            skipped();
            return;
        }
        Severity threshold;
        try {
            threshold = Severity.parse(failOnSeverity, "threadguard.failOnSeverity");
        } catch (ConfigurationException e) {
            throw new MojoExecutionException("threadguard is misconfigured: " + e.getMessage(), e);
        }
        Baseline baseline = readBaseline();
        Analysis analysis = analyse();
        AnalysisResult result = analysis.result();
        BaselineComparison checked = BaselineComparison.of(result.findings(), fingerprints(result),
                unanalysed(result), baseline, baselinePath());

        Path repositoryRoot = ProjectSettings.repositoryRoot(project, session);
        Path sarif = outputDirectory.toPath().resolve(OutputFiles.SARIF);
        ConsoleReport console = new ConsoleReport(getLog(), ProjectSettings.workingDirectory(repositoryRoot));
        console.findings(result.problems(), checked, showBaselined);
        try {
            if (!Reports.isCurrent(sarif, analysis.request().cacheFile(), result, baselinePath())) {
                SarifReport report = new SarifReport(repositoryRoot, moduleDirectory(), plugin.getVersion());
                SarifReport.write(report.log(SarifReport.EnabledRule.of(analysis.selection()), checked,
                        result.problems()), sarif);
            }
        } catch (IOException e) {
            throw new MojoExecutionException("threadguard could not write " + sarif + ": " + e.getMessage(), e);
        }
        console.summary(result, checked, sarif);
        console.infos(checked, threshold);
        console.baselineChanges(checked, moduleDirectory());
        Reports.writeHtml(outputDirectory.toPath(), project, plugin.getVersion(), getLog());

        List<Finding> failing = ConsoleReport.atLeast(checked.newFindings(), threshold);
        reactorTotals(result, checked, failOnViolation && !failing.isEmpty() ? 1 : 0);
        if (!failing.isEmpty()) {
            String message = ConsoleReport.failureMessage(checked, threshold);
            if (failOnViolation) {
                throw new MojoFailureException(message);
            }
            getLog().warn(message.lines().findFirst().orElse(message)
                    + " (not failing the build: threadguard.failOnViolation is false)");
        }
    }

    @Override
    protected void skipped() {
        ReactorTotals.add(session, project, plugin, GOAL, new long[Count.values().length])
                .ifPresent(this::printTotals);
    }

    /** What each module adds to the reactor's totals. */
    private enum Count { FILES, ERRORS, WARNINGS, INFOS, BASELINED, FIXED, FAILING, ANALYSED }

    private void reactorTotals(AnalysisResult result, BaselineComparison checked, int failing) {
        Map<Severity, Integer> counts = ConsoleReport.countsBySeverity(checked.newFindings());
        long[] module = new long[Count.values().length];
        module[Count.FILES.ordinal()] = result.filesAnalysed();
        module[Count.ERRORS.ordinal()] = counts.get(Severity.ERROR);
        module[Count.WARNINGS.ordinal()] = counts.get(Severity.WARNING);
        module[Count.INFOS.ordinal()] = counts.get(Severity.INFO);
        module[Count.BASELINED.ordinal()] = checked.baselinedFindings().size();
        module[Count.FIXED.ordinal()] = checked.fixed().size();
        module[Count.FAILING.ordinal()] = failing;
        module[Count.ANALYSED.ordinal()] = 1;
        ReactorTotals.add(session, project, plugin, GOAL, module).ifPresent(this::printTotals);
    }

    private void printTotals(ReactorTotals.Totals totals) {
        long[] sum = totals.counts();
        StringBuilder line = new StringBuilder("threadguard: reactor total, ")
                .append(ConsoleReport.plural((int) sum[Count.ANALYSED.ordinal()], "module")).append(" checked");
        int skipped = totals.modules() - (int) sum[Count.ANALYSED.ordinal()];
        if (skipped > 0) {
            line.append(" and ").append(skipped).append(" skipped");
        }
        line.append(", ").append(ConsoleReport.plural((int) sum[Count.FILES.ordinal()], "file")).append(": ")
                .append(ConsoleReport.plural((int) sum[Count.ERRORS.ordinal()], "error")).append(", ")
                .append(ConsoleReport.plural((int) sum[Count.WARNINGS.ordinal()], "warning")).append(", ")
                .append(ConsoleReport.plural((int) sum[Count.INFOS.ordinal()], "info"))
                .append(" new, ").append(sum[Count.BASELINED.ordinal()]).append(" baselined");
        if (sum[Count.FAILING.ordinal()] > 0) {
            line.append("; ").append(ConsoleReport.plural((int) sum[Count.FAILING.ordinal()], "module"))
                    .append(" failing");
        }
        if (sum[Count.FIXED.ordinal()] > 0) {
            line.append("; ").append(ConsoleReport.fixedSentence((int) sum[Count.FIXED.ordinal()]));
        }
        getLog().info(line.toString());
    }
}
