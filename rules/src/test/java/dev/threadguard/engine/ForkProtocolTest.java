package dev.threadguard.engine;

import dev.threadguard.api.AnalysisSettings;
import dev.threadguard.api.Finding;
import dev.threadguard.api.MethodPattern;
import dev.threadguard.api.Severity;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ForkProtocolTest {

    private static final Path PROJECT = Path.of("/work/project").toAbsolutePath();

    private static AnalysisRequest everyFieldSet() {
        return AnalysisRequest.builder()
                .sourceRoots(List.of(PROJECT.resolve("src/main/java"), PROJECT.resolve("src/test/java")))
                .projectDirectory(PROJECT)
                .includes(List.of("**/*.java"))
                .excludes(List.of("**/generated/**", "**/Ünïcode/**"))
                .languageLevel("17")
                .rules(RuleSelection.of(List.of(new RuleOverride("unbounded-executor", null, "error"),
                        new RuleOverride("ignored-future", false, null),
                        new RuleOverride("thread-in-loop", true, "info"))))
                .settings(new AnalysisSettings(List.of(MethodPattern.parse("com.acme.Pool#spawn(Runnable)",
                        "spawnMethods")), List.of(MethodPattern.parse("com.acme.Bus#await()", "blockingMethods"),
                        MethodPattern.parse("com.acme.Bus#drain", "blockingMethods"))))
                .encoding(StandardCharsets.ISO_8859_1)
                .threads(3)
                .cacheFile(PROJECT.resolve("target/threadguard/analysis.cache"))
                .toolVersion("1.2.3")
                .prefilter(false)
                .fork(List.of(Path.of("rules.jar")))
                .build();
    }

    private static byte[] encode(AnalysisRequest request) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ForkProtocol.writeRequest(request, new DataOutputStream(bytes));
        return bytes.toByteArray();
    }

    private static AnalysisRequest decode(byte[] bytes) throws IOException {
        return ForkProtocol.readRequest(new DataInputStream(new ByteArrayInputStream(bytes)));
    }

    @Test
    void aRequestReachesTheChildWithEveryFieldButTheForkItself() throws IOException {
        AnalysisRequest original = everyFieldSet();
        AnalysisRequest copy = decode(encode(original));

        assertThat(copy.sourceRoots()).isEqualTo(original.sourceRoots());
        assertThat(copy.projectDirectory()).isEqualTo(PROJECT);
        assertThat(copy.includes()).containsExactly("**/*.java");
        assertThat(copy.excludes()).containsExactly("**/generated/**", "**/Ünïcode/**");
        assertThat(copy.languageLevel()).isEqualTo("17");
        assertThat(copy.rules().overrides()).isEqualTo(original.rules().overrides());
        assertThat(copy.rules().enabledRules()).extracting(rule -> rule.id()).doesNotContain("ignored-future")
                .contains("thread-in-loop");
        assertThat(copy.rules().configuredSeverity("unbounded-executor")).isEqualTo(Severity.ERROR);
        assertThat(copy.rules().configuredSeverity("thread-in-loop")).isEqualTo(Severity.INFO);
        assertThat(copy.settings()).isEqualTo(original.settings());
        assertThat(copy.encoding()).isEqualTo(StandardCharsets.ISO_8859_1);
        assertThat(copy.threads()).isEqualTo(3);
        assertThat(copy.cacheFile()).isEqualTo(PROJECT.resolve("target/threadguard/analysis.cache"));
        assertThat(copy.toolVersion()).isEqualTo("1.2.3");
        assertThat(copy.prefilter()).isFalse();
        assertThat(copy.forkClassPath()).as("the child never forks").isEmpty();
        assertThat(encode(copy)).isEqualTo(encode(original));
    }

    @Test
    void absentValuesStayAbsent() throws IOException {
        AnalysisRequest copy = decode(encode(AnalysisRequest.builder().build()));

        assertThat(copy.sourceRoots()).isEmpty();
        assertThat(copy.projectDirectory()).isNull();
        assertThat(copy.languageLevel()).isNull();
        assertThat(copy.cacheFile()).isNull();
        assertThat(copy.rules().overrides()).isEmpty();
        assertThat(copy.encoding()).isEqualTo(StandardCharsets.UTF_8);
        assertThat(copy.prefilter()).isTrue();
    }

    @Test
    void aRequestCutOffAnywhereSaysSo() throws IOException {
        byte[] whole = encode(everyFieldSet());
        for (int length = 0; length < whole.length; length++) {
            byte[] cut = Arrays.copyOf(whole, length);
            assertThatThrownBy(() -> decode(cut)).as("cut after %d of %d bytes", length, whole.length)
                    .isInstanceOf(IOException.class)
                    .hasMessage("The analysis request ends early: it was cut off");
        }
    }

    @Test
    void aCorruptOrForeignRequestSaysWhatIsWrong() throws IOException {
        byte[] whole = encode(everyFieldSet());

        byte[] json = "{\"sourceRoots\":[]}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> decode(json)).isInstanceOf(IOException.class)
                .hasMessage("The analysis request is not one threadguard wrote (it starts with 0x7b22736f)");

        byte[] otherVersion = whole.clone();
        ByteBuffer.wrap(otherVersion).putInt(4, ForkProtocol.VERSION + 1);
        assertThatThrownBy(() -> decode(otherVersion)).isInstanceOf(IOException.class)
                .hasMessageStartingWith("The analysis request has format version " + (ForkProtocol.VERSION + 1)
                        + ", but this threadguard reads version " + ForkProtocol.VERSION);

        byte[] longer = Arrays.copyOf(whole, whole.length + 1);
        assertThatThrownBy(() -> decode(longer)).isInstanceOf(IOException.class)
                .hasMessage("The analysis request is corrupt: more data follows its end");

        byte[] negativeCount = whole.clone();
        ByteBuffer.wrap(negativeCount).putInt(8, -2); // the number of source roots
        assertThatThrownBy(() -> decode(negativeCount)).isInstanceOf(IOException.class)
                .hasMessage("The analysis request is corrupt: a list of -2 elements");

        byte[] hugeString = whole.clone();
        ByteBuffer.wrap(hugeString).putInt(12, Integer.MAX_VALUE); // the length of the first source root
        assertThatThrownBy(() -> decode(hugeString)).isInstanceOf(IOException.class)
                .hasMessage("The analysis request is corrupt: a string of " + Integer.MAX_VALUE + " bytes");
    }

    @Test
    void aResultComesBackWholeOrSaysItWasCutOff() throws IOException {
        Path a = PROJECT.resolve("src/main/java/A.java");
        Path b = PROJECT.resolve("src/main/java/B.java");
        AnalysisRequest request = everyFieldSet();
        AnalysisResult result = new AnalysisResult(
                List.of(new Finding("thread-in-loop", Severity.ERROR, a, 3, 5, 3, 30, "starts a thread", "use a pool",
                                "for (Runnable r : rs) new Thread(r).start();"),
                        new Finding("unbounded-executor", Severity.WARNING, a, 7, 9, 7, 40, "unbounded", "", "")),
                List.of(new SourceProblem(b, 2, 1, "does not parse: ...")),
                12, request.rules().enabledRules(), Duration.ZERO, new AnalysisResult.Work(4, 7, 1));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ForkProtocol.writeResult(result, new DataOutputStream(bytes));
        byte[] whole = bytes.toByteArray();

        AnalysisResult copy = ForkProtocol.readResult(new DataInputStream(new ByteArrayInputStream(whole)), request,
                Duration.ofSeconds(2));
        assertThat(copy.findings()).isEqualTo(result.findings());
        assertThat(copy.problems()).isEqualTo(result.problems());
        assertThat(copy.filesAnalysed()).isEqualTo(12);
        assertThat(copy.work()).isEqualTo(result.work());
        assertThat(copy.elapsed()).isEqualTo(Duration.ofSeconds(2));

        for (int length = 0; length < whole.length; length++) {
            byte[] cut = Arrays.copyOf(whole, length);
            assertThatThrownBy(() -> ForkProtocol.readResult(new DataInputStream(new ByteArrayInputStream(cut)),
                    request, Duration.ZERO)).as("cut after %d bytes", length)
                    .hasMessage("The analysis result ends early: it was cut off");
        }
        assertThatThrownBy(() -> decode(whole)).hasMessageStartingWith("The analysis request is not one threadguard "
                + "wrote");
    }
}
