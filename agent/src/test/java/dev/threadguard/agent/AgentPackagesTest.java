package dev.threadguard.agent;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The agent's packages are layers: what the instrumented JDK and the test listeners see ({@code boot},
 * {@code config}, {@code api}) knows nothing of the rest; {@code instrument} and {@code runtime} do not know each
 * other; only the root package, which runs {@code premain}, wires them. Every dependency points down, so there is
 * no cycle. Read from the compiled classes with the JDK's {@code jdeps}.
 */
class AgentPackagesTest {

    private static final String ROOT = "dev.threadguard.agent";

    /** Bottom to top; {@code instrument} and {@code runtime} share a layer: neither may use the other. */
    private static final List<List<String>> LAYERS = List.of(
            List.of(ROOT + ".boot", ROOT + ".config", ROOT + ".api"),
            List.of(ROOT + ".instrument", ROOT + ".runtime"),
            List.of(ROOT));

    private static final Pattern DEPENDENCY = Pattern.compile("^\\s+(dev\\.threadguard\\.agent[\\w.]*)\\s+->\\s+"
            + "(dev\\.threadguard\\.agent[\\w.]*)\\s", Pattern.MULTILINE);

    @Test
    void everyDependencyPointsDownTheLayers() throws Exception {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow(() -> new AssertionError(
                "this test needs the JDK's jdeps tool (module jdk.jdeps); run the build on a full JDK"));
        Path classes = Path.of(ThreadguardAgent.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertThat(jdeps.run(new PrintWriter(out), new PrintWriter(err), "-verbose:package", "-filter:none", "-e",
                "dev\\.threadguard\\.agent.*", classes.toString())).as("jdeps: " + err).isZero();

        TreeSet<String> seen = new TreeSet<>();
        List<String> wrong = new ArrayList<>();
        Matcher matcher = DEPENDENCY.matcher(out.toString());
        while (matcher.find()) {
            String from = matcher.group(1);
            String to = matcher.group(2);
            if (!from.equals(to) && !to.startsWith(ROOT + ".shaded")) {
                seen.add(from + " -> " + to);
                if (layer(to) >= layer(from)) {
                    wrong.add(from + " -> " + to);
                }
            }
        }
        // a jdeps whose output changed would leave nothing to check: the known edges must be there
        assertThat(seen).contains(ROOT + " -> " + ROOT + ".runtime", ROOT + ".runtime -> " + ROOT + ".config",
                ROOT + ".runtime -> " + ROOT + ".api", ROOT + ".instrument -> " + ROOT + ".config");
        assertThat(wrong).as("dependencies that do not point down the layers " + LAYERS).isEmpty();
    }

    private static int layer(String packageName) {
        for (int i = 0; i < LAYERS.size(); i++) {
            if (LAYERS.get(i).contains(packageName)) {
                return i;
            }
        }
        throw new AssertionError(packageName + " is in no layer: add it to AgentPackagesTest.LAYERS");
    }
}
