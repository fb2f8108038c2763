package dev.threadguard.plugin;

import dev.threadguard.engine.AnalysisResult;
import dev.threadguard.report.baseline.Baseline;
import dev.threadguard.report.baseline.BaselineUpdate;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the module's baseline, {@code threadguard-baseline.json}: every current finding, so that {@code check}
 * fails only on findings added after it. Run it once when adopting threadguard on existing code and commit the
 * file; run it again to drop the findings fixed since. It runs the same analysis as {@code check}, with the same
 * configuration.
 */
@Mojo(name = "baseline", threadSafe = true)
public class BaselineMojo extends AbstractAnalysisMojo {

    static final String GOAL = "baseline";

    /**
     * Only let the baseline shrink: fail, leaving the file as it is, when a finding that is not in it would be added.
     * For CI jobs that keep the baseline up to date without letting new findings in.
     */
    @Parameter(property = "threadguard.baselineOnlyShrink", defaultValue = "false")
    private boolean baselineOnlyShrink;

    @Override
    protected void executeGoal() throws MojoExecutionException, MojoFailureException {
        if (hasNoSources(GOAL)) {
            skipped();
            return;
        }
        Baseline previous = readBaseline();
        AnalysisResult result = analyse().result();
        BaselineUpdate update = BaselineUpdate.of(previous, result.findings(), fingerprints(result),
                unanalysed(result));
        Path file = baselinePath();
        ConsoleReport console = new ConsoleReport(getLog(),
                ProjectSettings.workingDirectory(ProjectSettings.repositoryRoot(project, session)));

        if (baselineOnlyShrink && !update.added().isEmpty()) {
            for (Baseline.Entry added : update.added()) {
                getLog().error(entry(console, added) + " \u2014 new, not in the baseline");
            }
            totals(update, false);
            throw new MojoFailureException("threadguard:baseline would add "
                    + ConsoleReport.plural(update.added().size(), "new finding") + " to " + console.path(file)
                    + ", and threadguard.baselineOnlyShrink is set; the baseline was left as it was.\n"
                    + "Fix them as check says, or suppress one with @SuppressWarnings(\"threadguard:<rule-id>\") or a "
                    + "// threadguard:ignore <rule-id> comment on its line.");
        }
        if (!result.problems().isEmpty()) {
            getLog().warn("threadguard: " + ConsoleReport.plural(result.problems().size(), "file")
                    + " could not be analysed, so their findings are not in the baseline; check prints why");
        }
        if (previous != null && !update.changes()) {
            getLog().info("threadguard: baseline " + console.path(file) + " is up to date: "
                    + ConsoleReport.plural(update.kept(), "finding") + " baselined");
            totals(update, true);
            return;
        }
        try {
            update.baseline().write(file);
        } catch (IOException e) {
            throw new MojoExecutionException("threadguard could not write the baseline " + file + ": "
                    + e.getMessage(), e);
        }
        if (previous == null) {
            getLog().info("threadguard: wrote baseline " + console.path(file) + ": "
                    + ConsoleReport.plural(update.baseline().findings().size(), "finding")
                    + "; commit it, and check fails only on findings that are not in it");
        } else {
            getLog().info("threadguard: updated baseline " + console.path(file) + ": "
                    + ConsoleReport.plural(update.baseline().findings().size(), "finding") + " ("
                    + update.added().size() + " added, " + update.dropped().size() + " fixed and dropped, "
                    + update.kept() + " kept)");
            list(console, "added", update.added());
            list(console, "dropped", update.dropped());
        }
        totals(update, true);
    }

    private void list(ConsoleReport console, String what, List<Baseline.Entry> entries) {
        for (Baseline.Entry entry : entries) {
            getLog().info("  " + what + ": " + entry(console, entry));
        }
    }

    private String entry(ConsoleReport console, Baseline.Entry entry) {
        return console.path(moduleDirectory().resolve(entry.file())) + ":" + entry.line() + " [" + entry.rule()
                + "] " + entry.message();
    }

    @Override
    protected void skipped() {
        ReactorTotals.add(session, project, plugin, GOAL, new long[Count.values().length])
                .ifPresent(this::printTotals);
    }

    /** What each module adds to the reactor's totals. */
    private enum Count { FINDINGS, ADDED, DROPPED, WRITTEN }

    private void totals(BaselineUpdate update, boolean written) {
        long[] module = new long[Count.values().length];
        module[Count.FINDINGS.ordinal()] = written ? update.baseline().findings().size() : update.kept();
        module[Count.ADDED.ordinal()] = update.added().size();
        module[Count.DROPPED.ordinal()] = update.dropped().size();
        module[Count.WRITTEN.ordinal()] = 1;
        ReactorTotals.add(session, project, plugin, GOAL, module).ifPresent(this::printTotals);
    }

    private void printTotals(ReactorTotals.Totals totals) {
        long[] sum = totals.counts();
        getLog().info("threadguard: reactor total, baselines of "
                + ConsoleReport.plural((int) sum[Count.WRITTEN.ordinal()], "module") + ": "
                + ConsoleReport.plural((int) sum[Count.FINDINGS.ordinal()], "finding") + " ("
                + sum[Count.ADDED.ordinal()] + " added, " + sum[Count.DROPPED.ordinal()] + " dropped)");
    }
}
