package dev.threadguard.plugin;

import dev.threadguard.agent.AgentLog;
import dev.threadguard.report.runtime.BudgetCheck;
import dev.threadguard.report.runtime.GuardedRun;
import dev.threadguard.report.runtime.RunAnalysis;
import dev.threadguard.report.runtime.RunMeasurements;
import dev.threadguard.report.runtime.RunReport;
import org.apache.maven.plugin.logging.Log;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the {@code run} goal prints: the application's output prefixed {@code [app] }, each measure against its
 * limit, and, when the run failed, the top creation sites grouped by identical stack (like
 * {@code go tool pprof -traces}) and the threads that leaked or hung.
 */
final class RunConsole {

    static final String APP_PREFIX = "[app] ";
    private static final int TOP_SITES = 5;
    private static final int SITE_FRAMES = 8;
    private static final int DUMP_GROUPS = 8;

    private final Log log;

    RunConsole(Log log) {
        this.log = log;
    }

    void starting(GuardedRun.Request request) {
        log.info("threadguard: running " + request.mainClass() + " under the agent (timeout "
                + request.agentOptions().timeoutSeconds() + " s)");
    }

    /** Called from the two stream-draining threads; one line at a time so lines never interleave. */
    synchronized void applicationLine(String line, boolean stderr) {
        if (line.startsWith(AgentLog.PREFIX)) {
            log.warn("threadguard agent: " + line.substring(AgentLog.PREFIX.length()));
        } else {
            log.info(APP_PREFIX + line);
        }
    }

    void result(RunReport report, Path reportFile, Path recording) {
        RunMeasurements run = report.measurements();
        log.info(String.format(Locale.ROOT, "threadguard: %s ended after %.1f s (%s, exit code %s)",
                "the application", report.durationMillis() / 1000.0, describe(report.endedBy()), report.exitCode()));
        for (BudgetCheck.Measure measure : report.measures()) {
            String observed = measure.observed() == null ? "n/a (no virtual threads on this JVM)"
                    : Long.toString(measure.observed());
            String limit = measure.limit() == null ? "not enforced" : "limit " + measure.limit();
            String line = String.format(Locale.ROOT, "threadguard:   %-36s %8s   %s%s", measure.label(), observed,
                    limit, measure.breached() ? "   BREACHED (" + measure.budget() + ")" : "");
            if (measure.breached()) {
                log.error(line);
            } else {
                log.info(line);
            }
        }
        log.info("threadguard:   baseline: " + run.baselineThreads() + " threads alive before main, not counted "
                + run.baselineThreadNames());
        for (String note : run.notes()) {
            log.info("threadguard:   note: " + note);
        }
        if (!report.passed() || log.isDebugEnabled()) {
            sites(run, !report.passed());
            if (!run.leakedThreads().isEmpty()) {
                threads("threads leaked after main returned", run.leakedThreads(), true);
            } else if (report.timedOut()) {
                threads("threads when the run timed out", applicationThreads(run.threadDump()), true);
            }
        } else if (!run.leakedThreads().isEmpty()) {
            threads("threads leaked after main returned (within maxLeakedThreads)", run.leakedThreads(), false);
        }
        log.info("threadguard: results " + reportFile + ", recording " + recording
                + " (open it in JDK Mission Control)");
    }

    private void sites(RunMeasurements run, boolean asError) {
        if (run.spawnSites().isEmpty()) {
            return;
        }
        print(asError, "threadguard: top thread creation sites (grouped by identical stack, most started first):");
        for (RunMeasurements.SpawnSite site : run.spawnSites().subList(0, Math.min(TOP_SITES, run.spawnSites().size()))) {
            print(asError, String.format(Locale.ROOT, "  %8d started %6d peak alive  %s threads at %s", site.started(),
                    site.peakAlive(), site.kind(), site.frame()));
            List<String> stack = site.stack();
            for (String frame : stack.subList(0, Math.min(SITE_FRAMES, stack.size()))) {
                print(asError, "                                     " + frame);
            }
            if (stack.size() > SITE_FRAMES) {
                print(asError, "                                     ... " + (stack.size() - SITE_FRAMES) + " more");
            }
        }
    }

    /** Threads grouped by identical stack, with their creation site. */
    private void threads(String title, List<RunMeasurements.ThreadEntry> threads, boolean asError) {
        if (threads.isEmpty()) {
            return;
        }
        print(asError, "threadguard: " + title + ":");
        Map<List<String>, List<RunMeasurements.ThreadEntry>> groups = new LinkedHashMap<>();
        for (RunMeasurements.ThreadEntry thread : threads) {
            groups.computeIfAbsent(thread.stack(), stack -> new ArrayList<>()).add(thread);
        }
        int shown = 0;
        for (Map.Entry<List<String>, List<RunMeasurements.ThreadEntry>> group : groups.entrySet()) {
            if (shown++ == DUMP_GROUPS) {
                print(asError, "  ... " + (groups.size() - DUMP_GROUPS) + " more groups in the report");
                break;
            }
            RunMeasurements.ThreadEntry first = group.getValue().get(0);
            print(asError, String.format(Locale.ROOT, "  %d thread%s like \"%s\" (%s%s), created at %s",
                    group.getValue().size(), group.getValue().size() == 1 ? "" : "s", first.name(), first.state(),
                    first.daemon() ? ", daemon" : "", first.createdAt() == null ? "(before main)" : first.createdAt()));
            List<String> stack = group.getKey();
            for (String frame : stack.subList(0, Math.min(SITE_FRAMES, stack.size()))) {
                print(asError, "      " + frame);
            }
        }
    }

    private static List<RunMeasurements.ThreadEntry> applicationThreads(List<RunMeasurements.ThreadEntry> dump) {
        List<RunMeasurements.ThreadEntry> result = new ArrayList<>();
        for (RunMeasurements.ThreadEntry thread : dump) {
            if (!thread.baseline() || thread.name().equals("main")) {
                result.add(thread);
            }
        }
        return result;
    }

    private void print(boolean asError, String line) {
        if (asError) {
            log.error(line);
        } else {
            log.info(line);
        }
    }

    static String describe(String endedBy) {
        return switch (endedBy) {
            case "exit" -> "exited by itself";
            case "breach" -> "stopped by the agent on a budget breach";
            case "leak" -> "ended by the agent: non-daemon threads outlived main";
            case "timeout" -> "ended by the agent at the timeout";
            case "killed" -> "killed by the plugin after the timeout";
            default -> "ended without a recording";
        };
    }

    /** The build failure: each reason, the top creation site, and what to do. */
    static String failureMessage(RunReport report) {
        RunMeasurements run = report.measurements();
        StringBuilder message = new StringBuilder("threadguard: the guarded run failed: ")
                .append(String.join("; ", report.failures())).append('.');
        if (!report.breaches().isEmpty() && !run.spawnSites().isEmpty()) {
            RunMeasurements.SpawnSite top = run.spawnSites().get(0);
            message.append("\nTop creation site: ").append(top.frame()).append(" (").append(top.started())
                    .append(" started, ").append(top.peakAlive()).append(" peak alive).");
        }
        if (!run.leakedThreads().isEmpty()) {
            RunMeasurements.ThreadEntry leaked = run.leakedThreads().get(0);
            message.append("\nLeaked: \"").append(leaked.name()).append("\" created at ").append(leaked.createdAt())
                    .append(" - shut the pool down or make the thread a daemon.");
        }
        if (report.timedOut()) {
            for (RunMeasurements.ThreadEntry thread : run.threadDump()) {
                if (thread.name().equals("main") && !thread.stack().isEmpty()) {
                    message.append("\nmain was at ").append(RunAnalysis.firstApplicationFrame(thread.stack()))
                            .append(" (").append(thread.state()).append(").");
                }
            }
        }
        if (!report.breaches().isEmpty()) {
            message.append("\nFix the site above, or raise the budget (threadguard.").append(report.breaches().get(0)
                    .budget()).append("), or ignore threads that are not yours (threadguard.ignoreThreadNames, "
                    + "threadguard.ignoreCreationFrames).");
        } else if (report.timedOut()) {
            message.append("\nThe thread dump in the report shows where each thread waited; raise threadguard.timeout "
                    + "if the run needs longer.");
        } else if (report.exitCode() != null && report.exitCode() != 0) {
            message.append("\nThe application's output is above ([app] lines); set threadguard.failOnNonZeroExit="
                    + "false if a non-zero exit code is expected.");
        }
        return message.toString();
    }
}
