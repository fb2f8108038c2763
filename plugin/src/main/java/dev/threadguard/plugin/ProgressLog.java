package dev.threadguard.plugin;

import dev.threadguard.engine.AnalysisListener;
import org.apache.maven.plugin.logging.Log;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Shows "files done of total" at most every few seconds, and only on an interactive console: CI logs and
 * {@code -q} stay quiet. Says so when a large analysis runs in a JVM of its own.
 */
final class ProgressLog implements AnalysisListener {

    private static final long INTERVAL_NANOS = 3_000_000_000L;

    private final Log log;
    private final boolean interactive;
    private final AtomicLong nextReport = new AtomicLong(System.nanoTime() + INTERVAL_NANOS);

    ProgressLog(Log log) {
        this.log = log;
        this.interactive = System.console() != null;
    }

    @Override
    public void fileDone(int done, int total) {
        if (!interactive || !log.isInfoEnabled() || done == total) {
            return;
        }
        long now = System.nanoTime();
        long due = nextReport.get();
        if (now >= due && nextReport.compareAndSet(due, now + INTERVAL_NANOS)) {
            log.info(String.format("threadguard: %d of %d files analysed (%d%%)", done, total, done * 100 / total));
        }
    }

    @Override
    public void forked() {
        log.info("threadguard: many files changed since the last run; analysing them in a JVM of its own "
                + "(threadguard.fork)");
    }
}
