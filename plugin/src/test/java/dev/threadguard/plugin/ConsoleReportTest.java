package dev.threadguard.plugin;

import dev.threadguard.api.Finding;
import dev.threadguard.api.Severity;
import dev.threadguard.report.baseline.BaselineComparison;
import dev.threadguard.report.baseline.Fingerprints;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ConsoleReportTest {

    private static final Path MODULE = Path.of("/work/app").toAbsolutePath();

    /** Keeps what the report logs at info. */
    private static final class RecordingLog extends SystemStreamLog {
        final List<String> infos = new ArrayList<>();

        @Override
        public void info(CharSequence content) {
            infos.add(content.toString());
        }
    }

    private static Finding finding(String rule, Severity severity, int line) {
        return new Finding(rule, severity, MODULE.resolve("src/main/java/A.java"), line, 5, line, 20, "message",
                "fix", "source", "A", "run()", "code " + line);
    }

    private static BaselineComparison checked(List<Finding> findings) {
        return BaselineComparison.of(findings, Fingerprints.of(findings, MODULE), Set.of(), null,
                MODULE.resolve("threadguard-baseline.json"));
    }

    @Test
    void saysWhichInfosDoNotFailTheBuildAndHowToMakeThem() {
        RecordingLog log = new RecordingLog();
        new ConsoleReport(log, MODULE).infos(checked(List.of(finding("thread-in-loop", Severity.INFO, 3),
                finding("blocking-without-timeout", Severity.WARNING, 4), finding("thread-in-loop", Severity.INFO, 5),
                finding("executor-in-loop", Severity.INFO, 6))), Severity.WARNING);
        assertThat(log.infos).singleElement().asString()
                .startsWith("threadguard: 3 infos (executor-in-loop 1, thread-in-loop 2) do not fail the build, "
                        + "which fails at 'warning': a rule is info by default when fewer than 90 % of its findings")
                .endsWith("To fail the build on one: <rules><rule><id>executor-in-loop</id><severity>warning"
                        + "</severity></rule></rules>; on every finding: -Dthreadguard.failOnSeverity=info.");
    }

    @Test
    void saysNothingWithoutInfosOrWhenInfosFailTheBuild() {
        RecordingLog log = new RecordingLog();
        ConsoleReport console = new ConsoleReport(log, MODULE);
        console.infos(checked(List.of(finding("blocking-without-timeout", Severity.WARNING, 4))), Severity.WARNING);
        console.infos(checked(List.of(finding("thread-in-loop", Severity.INFO, 3))), Severity.INFO);
        assertThat(log.infos).isEmpty();
    }
}
