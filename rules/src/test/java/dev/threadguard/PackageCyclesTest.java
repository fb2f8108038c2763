package dev.threadguard;

import dev.threadguard.api.Rule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packages of this module point one way, so that a rule can be read, changed and tested without the engine,
 * and the engine without any one rule. The graph comes from the compiled classes, read by the JDK's
 * {@code jdeps}, so imports that are only in Javadoc do not count and no reference in code is missed.
 */
class PackageCyclesTest {

    /** Bottom to top: a package may depend on packages listed before it, never on one after it. */
    private static final List<String> LAYERS = List.of(
            "dev.threadguard.json",
            "dev.threadguard.types",
            "dev.threadguard.api",
            "dev.threadguard.analysis",
            "dev.threadguard.rules",
            "dev.threadguard.engine");

    private static final Pattern DEPENDENCY = Pattern.compile("^\\s+(dev\\.threadguard[\\w.]*)\\s+->\\s+"
            + "(dev\\.threadguard[\\w.]*)\\s", Pattern.MULTILINE);

    private static Map<String, Set<String>> graph;

    @BeforeAll
    static void readTheCompiledClasses() {
        graph = packageGraph(classesDirectory());
    }

    @Test
    void theGraphIsReadFromTheCompiledClasses() {
        // without this, a jdeps whose output changed would leave an empty graph and a test that cannot fail
        assertThat(graph.keySet()).containsExactlyInAnyOrderElementsOf(LAYERS);
        assertThat(graph.get("dev.threadguard.rules")).contains("dev.threadguard.api", "dev.threadguard.analysis");
        assertThat(graph.get("dev.threadguard.engine")).contains("dev.threadguard.api", "dev.threadguard.rules");
    }

    @Test
    void noPackageCycle() {
        assertThat(cycle(graph)).as("a package cycle; make the lower package not know the upper one (move what "
                + "both need down to dev.threadguard.api, or a helper used by one rule next to that rule)").isEmpty();
    }

    @Test
    void everyPackageDependsOnlyOnTheLayersBelowIt() {
        List<String> upward = new ArrayList<>();
        graph.forEach((from, targets) -> {
            for (String to : targets) {
                if (LAYERS.indexOf(to) > LAYERS.indexOf(from)) {
                    upward.add(from + " -> " + to);
                }
            }
        });
        assertThat(upward).as("dependencies pointing up; the layers are, bottom to top, " + LAYERS).isEmpty();
    }

    @Test
    void aCycleIsFoundAndNamedInOrder() {
        Map<String, Set<String>> withCycle = Map.of(
                "a", Set.of("b"),
                "b", Set.of("c", "d"),
                "c", Set.of("a"),
                "d", Set.of());
        assertThat(cycle(withCycle)).containsExactly("a", "b", "c", "a");
        assertThat(cycle(Map.of("a", Set.of("b"), "b", Set.of(), "c", Set.of("a", "b")))).isEmpty();
    }

    /** The packages of this module, each with the other packages of this module it uses. */
    private static Map<String, Set<String>> packageGraph(Path classes) {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow(() -> new AssertionError(
                "this test needs the JDK's jdeps tool (module jdk.jdeps); run the build on a full JDK"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = jdeps.run(new PrintWriter(out), new PrintWriter(err), "-verbose:package", "-filter:none",
                "-e", "dev\\.threadguard\\..*", classes.toString());
        assertThat(exit).as("jdeps failed: " + err).isZero();
        Map<String, Set<String>> packages = new TreeMap<>();
        try (Stream<Path> files = Files.walk(classes)) {
            files.filter(file -> file.toString().endsWith(".class") && !file.endsWith("package-info.class"))
                    .map(file -> classes.relativize(file.getParent()).toString().replace(File.separatorChar, '.'))
                    .forEach(name -> packages.put(name, new TreeSet<>()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Matcher matcher = DEPENDENCY.matcher(out.toString());
        while (matcher.find()) {
            if (!matcher.group(1).equals(matcher.group(2))) {
                packages.computeIfAbsent(matcher.group(1), key -> new TreeSet<>()).add(matcher.group(2));
            }
        }
        return packages;
    }

    /** The first cycle found, as the packages along it with the first repeated at the end; empty when none. */
    static List<String> cycle(Map<String, Set<String>> graph) {
        Set<String> done = new HashSet<>();
        for (String start : new TreeSet<>(graph.keySet())) {
            List<String> found = cycleFrom(start, graph, new ArrayList<>(), done);
            if (!found.isEmpty()) {
                return found;
            }
        }
        return List.of();
    }

    private static List<String> cycleFrom(String node, Map<String, Set<String>> graph, List<String> path,
                                          Set<String> done) {
        int onPath = path.indexOf(node);
        if (onPath >= 0) {
            List<String> cycle = new ArrayList<>(path.subList(onPath, path.size()));
            cycle.add(node);
            return cycle;
        }
        if (done.contains(node)) {
            return List.of();
        }
        path.add(node);
        for (String next : new TreeSet<>(graph.getOrDefault(node, Set.of()))) {
            List<String> found = cycleFrom(next, graph, path, done);
            if (!found.isEmpty()) {
                return found;
            }
        }
        path.remove(path.size() - 1);
        done.add(node);
        return List.of();
    }

    private static Path classesDirectory() {
        try {
            Path classes = Path.of(Rule.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            assertThat(Files.isDirectory(classes) || Files.isRegularFile(classes)).as(classes.toString()).isTrue();
            return classes;
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }
}
