package dev.threadguard.plugin;

import dev.threadguard.agent.config.AgentLog;
import dev.threadguard.agent.config.Frames;
import dev.threadguard.report.model.LeakSite;
import dev.threadguard.report.model.LoadSummary;
import dev.threadguard.report.model.RunReport;
import dev.threadguard.report.model.SpawnSite;
import dev.threadguard.report.model.ThreadEntry;
import dev.threadguard.report.runtime.BudgetCheck;
import org.apache.maven.plugin.logging.Log;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the runtime goals print: each measure against its limit (on success too), leaks grouped by owner site with
 * their count, tests and fix (never a line per thread, never cut mid-entry), threads kept for the JVM's life, and on
 * a failure the top creation sites (like {@code go tool pprof -traces}) or the hung threads.
 */
final class RuntimeConsole {

    static final String APP_PREFIX = "[app] ";
    private static final int TOP_SITES = 5;
    private static final int SITE_FRAMES = 8;
    private static final int LEAK_SITES = 10;
    private static final int LIFETIME_SITES = 10;
    private static final int TESTS_NAMED = 3;
    private static final int DUMP_GROUPS = 8;

    private final Log log;

    RuntimeConsole(Log log) {
        this.log = log;
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
        if (report.isTestSuite()) {
            log.info(String.format(Locale.ROOT, "threadguard: %d test JVM recording%s over %.1f s, Java %s",
                    report.recordings().size(), report.recordings().size() == 1 ? "" : "s",
                    report.durationMillis() / 1000.0, report.javaVersion()));
        } else {
            log.info(String.format(Locale.ROOT, "threadguard: %s ended after %.1f s (%s%s)",
                    RunReport.MODE_SERVICE.equals(report.mode()) ? "the service" : "the application",
                    report.durationMillis() / 1000.0, describe(report.endedBy()),
                    report.exitCode() == null ? "" : ", exit code " + report.exitCode()));
        }
        load(report.load());
        for (BudgetCheck.Measure measure : BudgetCheck.measures(report)) {
            String observed = measure.observed() == null ? "n/a (no virtual threads on this JVM)"
                    : Long.toString(measure.observed());
            String limit = measure.limit() == null ? "not enforced" : "limit " + measure.limit();
            print(measure.breached(), String.format(Locale.ROOT, "threadguard:   %-42s %8s   %s%s", measure.label(),
                    observed, limit, measure.breached() ? "   BREACHED (" + measure.budget() + ")" : ""));
        }
        if (!report.isTestSuite()) {
            log.info("threadguard:   baseline: " + report.baselineThreads() + " threads alive before the application, "
                    + "not counted " + report.baselineThreadNames());
        }
        for (String note : report.notes()) {
            log.info("threadguard:   note: " + note);
        }
        boolean failed = !report.passed();
        leakSites(report, failed);
        lifetime(report.jvmLifetimeThreads());
        boolean countBreached = report.breaches().stream().anyMatch(breach -> !breach.budget().startsWith("maxLeaked")
                && !breach.budget().equals("maxJvmLifetimeThreads"));
        if ((countBreached || log.isDebugEnabled()) && !report.spawnSites().isEmpty()) {
            sites(report.spawnSites(), countBreached);
        }
        if (report.timedOut()) {
            threads("threads when the run timed out", applicationThreads(report.threadDump()), true);
        }
        for (String failure : report.failures()) {
            if (failure.startsWith("the agent halted")) {
                print(true, "threadguard: " + failure);
            }
        }
        log.info("threadguard: results " + reportFile + (recording == null ? "" : ", recording " + recording));
    }

    private void load(LoadSummary load) {
        if (load == null) {
            return;
        }
        log.info(String.format(Locale.ROOT, "threadguard: load: %d requests, %d answered 2xx/3xx, %d errors, by status "
                + "%s, latency p50 %d ms, p99 %d ms", load.requests(), load.ok(), load.errors(),
                new TreeMap<>(load.statusCounts()), load.p50Millis(), load.p99Millis()));
    }

    /** Leaks by owner site: count, JVMs, tests, an example thread and the fix; whole entries only. */
    private void leakSites(RunReport report, boolean asError) {
        List<LeakSite> sites = report.leakSites();
        if (sites.isEmpty()) {
            return;
        }
        print(asError, "threadguard: leaked threads by owner site" + (asError ? "" : " (within maxLeakedThreads)")
                + ":");
        int shown = 0;
        for (LeakSite site : sites) {
            if (shown++ == LEAK_SITES) {
                print(asError, "  ... and " + (sites.size() - LEAK_SITES) + " more owner sites in the report");
                break;
            }
            StringBuilder line = new StringBuilder("  ").append(site.site()).append(": ").append(site.leaked())
                    .append(" leaked ").append(noun(site.kind(), site.leaked()));
            if (report.isTestSuite()) {
                line.append(" in ").append(site.jvms()).append(site.jvms() == 1 ? " test JVM" : " test JVMs");
                if (!site.tests().isEmpty()) {
                    line.append(", leaked by ").append(String.join(", ", site.tests().subList(0,
                            Math.min(TESTS_NAMED, site.tests().size()))));
                    if (site.tests().size() > TESTS_NAMED) {
                        int more = site.tests().size() - TESTS_NAMED;
                        line.append(" and ").append(more).append(more == 1 ? " more test" : " more tests");
                    }
                }
            }
            print(asError, line.toString());
            ThreadEntry example = example(report.leakedThreads(), site);
            if (example != null) {
                String now = applicationFrame(example.stack());
                print(asError, "      e.g. \"" + example.name() + "\" (" + example.state()
                        + (example.daemon() ? ", daemon" : "") + ")" + (now == null ? "" : ", now at " + now));
            }
            print(asError, "      fix: " + site.fix());
        }
    }

    /** "workers of a pool made there", "timer threads made there", "threads started there". */
    static String noun(String kind, long count) {
        boolean one = count == 1;
        return switch (kind) {
            case "pool" -> (one ? "worker" : "workers") + " of pools made there";
            case "timer" -> (one ? "timer thread" : "timer threads") + " made there";
            default -> (one ? "thread" : "threads") + " started there";
        };
    }

    private static ThreadEntry example(List<ThreadEntry> threads, LeakSite site) {
        for (ThreadEntry thread : threads) {
            if (thread.owner() != null && thread.owner().site().equals(site.site())
                    && thread.owner().kind().equals(site.kind())) {
                return thread;
            }
        }
        return null;
    }

    private void lifetime(List<ThreadEntry> threads) {
        if (threads.isEmpty()) {
            return;
        }
        Map<String, List<ThreadEntry>> bySite = new LinkedHashMap<>();
        for (ThreadEntry thread : threads) {
            bySite.computeIfAbsent(thread.owner() == null ? thread.name() : thread.owner().site(),
                    site -> new ArrayList<>()).add(thread);
        }
        log.info("threadguard: threads kept for the JVM's life, not counted as leaks (" + threads.size() + "):");
        int shown = 0;
        for (Map.Entry<String, List<ThreadEntry>> site : bySite.entrySet()) {
            if (shown++ == LIFETIME_SITES) {
                log.info("  ... and " + (bySite.size() - LIFETIME_SITES) + " more sites in the report");
                break;
            }
            ThreadEntry first = site.getValue().get(0);
            log.info("  " + site.getKey() + ": " + site.getValue().size() + " \"" + first.name() + "\""
                    + (site.getValue().size() > 1 ? ", ..." : "") + " - " + first.reason());
        }
    }

    private void sites(List<SpawnSite> sites, boolean asError) {
        print(asError, "threadguard: top thread creation sites (by owner site, most started first):");
        for (SpawnSite site : sites.subList(0, Math.min(TOP_SITES, sites.size()))) {
            String owners = switch (site.ownerKind()) {
                case "pool" -> " (workers of " + (site.owners() == 1 ? "the pool" : site.owners() + " pools")
                        + " made there)";
                case "timer" -> " (" + (site.owners() == 1 ? "a timer" : site.owners() + " timers") + " made there)";
                default -> "";
            };
            print(asError, String.format(Locale.ROOT, "  %8d started %6d peak alive  %s threads at %s%s",
                    site.started(), site.peakAlive(), site.kind(), site.frame(), owners));
            List<String> stack = site.stack();
            for (String frame : stack.subList(0, Math.min(SITE_FRAMES, stack.size()))) {
                print(asError, "                                     " + frame);
            }
            if (stack.size() > SITE_FRAMES) {
                print(asError, "                                     ... " + (stack.size() - SITE_FRAMES) + " more");
            }
        }
    }

    /** Threads grouped by identical stack, with their owner's site. */
    private void threads(String title, List<ThreadEntry> threads, boolean asError) {
        if (threads.isEmpty()) {
            return;
        }
        print(asError, "threadguard: " + title + ":");
        Map<List<String>, List<ThreadEntry>> groups = new LinkedHashMap<>();
        for (ThreadEntry thread : threads) {
            groups.computeIfAbsent(thread.stack(), stack -> new ArrayList<>()).add(thread);
        }
        int shown = 0;
        for (Map.Entry<List<String>, List<ThreadEntry>> group : groups.entrySet()) {
            if (shown++ == DUMP_GROUPS) {
                print(asError, "  ... and " + (groups.size() - DUMP_GROUPS) + " more groups in the report");
                break;
            }
            ThreadEntry first = group.getValue().get(0);
            print(asError, String.format(Locale.ROOT, "  %d thread%s like \"%s\" (%s%s), made at %s",
                    group.getValue().size(), group.getValue().size() == 1 ? "" : "s", first.name(), first.state(),
                    first.daemon() ? ", daemon" : "", first.createdAt() == null ? "(before main)" : first.createdAt()));
            List<String> stack = group.getKey();
            for (String frame : stack.subList(0, Math.min(SITE_FRAMES, stack.size()))) {
                print(asError, "      " + frame);
            }
        }
    }

    private static List<ThreadEntry> applicationThreads(List<ThreadEntry> dump) {
        List<ThreadEntry> result = new ArrayList<>();
        for (ThreadEntry thread : dump) {
            if (!thread.baseline() || thread.name().equals("main")) {
                result.add(thread);
            }
        }
        return result;
    }

    /** Where a thread's own code is: its innermost frame outside the JDK, or null. */
    static String applicationFrame(List<String> stack) {
        for (String frame : stack) {
            String method = Frames.methodOf(frame);
            int dot = method.lastIndexOf('.');
            if (!Frames.isJdk(dot < 0 ? method : method.substring(0, dot))) {
                return frame;
            }
        }
        return null;
    }

    private void print(boolean asError, String line) {
        if (asError) {
            log.error(line);
        } else {
            log.info(line);
        }
    }

    static String describe(String endedBy) {
        return switch (endedBy == null ? "" : endedBy) {
            case "exit" -> "exited by itself";
            case "breach" -> "stopped by the agent on a budget breach";
            case "leak" -> "ended by the agent: non-daemon threads outlived main";
            case "timeout" -> "ended by the agent at the timeout";
            case "killed" -> "killed by the plugin";
            case "stopped" -> "stopped by the plugin";
            case "orphaned" -> "ended by the agent: the build that started it was gone";
            default -> "ended without a recording";
        };
    }

    /** The build failure: each reason, the leading leak or site, and what to do. */
    static String failureMessage(RunReport report) {
        StringBuilder message = new StringBuilder(report.isTestSuite()
                ? "threadguard: the test suite broke its thread budgets: "
                : "threadguard: the guarded run failed: ").append(String.join("; ", report.failures())).append('.');
        if (!report.leakSites().isEmpty()) {
            LeakSite site = report.leakSites().get(0);
            message.append("\nLeaked: ").append(site.leaked()).append(' ').append(noun(site.kind(), site.leaked())
                    .replace(" there", " at " + site.site()));
            if (!site.tests().isEmpty()) {
                message.append(" (by ").append(site.tests().get(0))
                        .append(site.tests().size() > 1 ? " and " + (site.tests().size() - 1) + " more" : "")
                        .append(')');
            }
            message.append(". Fix: ").append(site.fix()).append(". A leak you accept goes into allowedLeaks, or raise "
                    + "threadguard.maxLeakedThreads.");
        }
        boolean countBreach = report.breaches().stream().anyMatch(breach -> !breach.budget().startsWith("maxLeaked")
                && !breach.budget().equals("maxJvmLifetimeThreads"));
        if (countBreach && !report.spawnSites().isEmpty()) {
            SpawnSite top = report.spawnSites().get(0);
            message.append("\nTop creation site: ").append(top.frame()).append(" (").append(top.started())
                    .append(" started, ").append(top.peakAlive()).append(" peak alive). Fix it, or raise the budget ")
                    .append("(threadguard.").append(report.breaches().get(0).budget()).append("), or leave out threads ")
                    .append("that are not yours (threadguard.ignoreThreadNames, threadguard.ignoreCreationFrames).");
        }
        if (report.timedOut()) {
            for (ThreadEntry thread : report.threadDump()) {
                if (thread.name().equals("main") && !thread.stack().isEmpty()) {
                    String at = applicationFrame(thread.stack());
                    message.append("\nmain was at ").append(at == null ? thread.stack().get(0) : at).append(" (")
                            .append(thread.state()).append(").");
                }
            }
            message.append("\nThe thread dump in the report shows where each thread waited; raise "
                    + "threadguard.timeoutSeconds if the run needs longer.");
        } else if (RunReport.MODE_SERVICE.equals(report.mode()) && "exit".equals(report.endedBy())) {
            message.append("\nThe application's output is above ([app] lines).");
        } else if (!report.isTestSuite() && "exit".equals(report.endedBy()) && report.exitCode() != null
                && report.exitCode() != 0) {
            message.append("\nThe application's output is above ([app] lines); set threadguard.failOnNonZeroExit="
                    + "false if a non-zero exit code is expected.");
        }
        message.append("\nDetails: ").append(report.isTestSuite() ? "target/threadguard/test-report.json"
                : "target/threadguard/run-report.json").append(" and report.html.");
        return message.toString();
    }
}
