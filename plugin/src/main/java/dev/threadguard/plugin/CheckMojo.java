package dev.threadguard.plugin;

import dev.threadguard.api.AnalysisSettings;
import dev.threadguard.api.ConfigurationException;
import dev.threadguard.api.MethodPattern;
import dev.threadguard.api.Severity;
import dev.threadguard.engine.AnalysisRequest;
import dev.threadguard.engine.AnalysisResult;
import dev.threadguard.engine.Analyzer;
import dev.threadguard.engine.RuleOverride;
import dev.threadguard.engine.RuleSelection;
import dev.threadguard.sarif.SarifWriter;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Analyses the project's Java sources for thread explosions, unbounded pools and waits that never end, prints
 * every finding with its fix, writes SARIF to {@code target/threadguard/threadguard.sarif}, and fails the build
 * when findings at or above {@code failOnSeverity} remain.
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class CheckMojo extends AbstractThreadguardMojo {

    static final String SARIF_FILE = "threadguard.sarif";
    static final String CACHE_FILE = "analysis.cache";

    /** Also analyse the test sources. */
    @Parameter(property = "threadguard.includeTests", defaultValue = "false")
    private boolean includeTests;

    /**
     * The least severe findings that fail the build: {@code error}, {@code warning} or {@code info}.
     */
    @Parameter(property = "threadguard.failOnSeverity", defaultValue = "warning")
    private String failOnSeverity;

    /** Set to false to report findings without failing the build. */
    @Parameter(property = "threadguard.failOnViolation", defaultValue = "true")
    private boolean failOnViolation;

    /**
     * The Java version the sources are written in, e.g. {@code 17}. Defaults to {@code maven.compiler.release},
     * then {@code maven.compiler.source}, then the compiler plugin's {@code release}/{@code source}, then the
     * newest version the parser knows.
     */
    @Parameter(property = "threadguard.languageLevel")
    private String languageLevel;

    /**
     * Per-rule settings: {@code <rule><id>..</id><enabled>false</enabled><severity>error</severity></rule>}.
     * Rules not listed run at their default severity.
     */
    @Parameter
    private List<RuleConfiguration> rules;

    /** Ant-style patterns of the files to analyse, relative to a source root or the project; all .java by default. */
    @Parameter(property = "threadguard.includes")
    private List<String> includes;

    /** Ant-style patterns of files to leave out, e.g. {@code **}{@code /generated/**}. */
    @Parameter(property = "threadguard.excludes")
    private List<String> excludes;

    /**
     * Methods of your own that start a thread, treated like {@code Thread.start()}:
     * {@code <method>com.acme.Workers#spawn(Runnable)</method>}.
     */
    @Parameter
    private List<String> spawnMethods;

    /**
     * Methods of your own that block without a timeout, treated like {@code Future.get()}:
     * {@code <method>com.acme.Bus#await()</method>}.
     */
    @Parameter
    private List<String> blockingMethods;

    /** The encoding of the source files. */
    @Parameter(property = "threadguard.encoding", defaultValue = "${project.build.sourceEncoding}")
    private String encoding;

    /**
     * Keep an analysis cache in {@code target/threadguard/analysis.cache}, so that files unchanged since the last
     * run (same content, same configuration, same threadguard) are not parsed again.
     */
    @Parameter(property = "threadguard.cache", defaultValue = "true")
    private boolean cache;

    /**
     * Skip parsing files that name none of the APIs the enabled rules check. It never changes the findings; turn
     * it off only to measure it or to rule it out when diagnosing.
     */
    @Parameter(property = "threadguard.prefilter", defaultValue = "true")
    private boolean prefilter;

    /**
     * Analyse many changed files (200 or more) in a JVM of its own, with compiler settings that suit a parser
     * that runs once: about twice as fast on large projects. Findings are the same either way; set false to keep
     * everything in Maven's JVM.
     */
    @Parameter(property = "threadguard.fork", defaultValue = "true")
    private boolean fork;

    /** Analysis threads; 0 means one per available processor. */
    @Parameter(property = "threadguard.threads", defaultValue = "0")
    private int threads;

    @Override
    protected void executeGoal() throws MojoExecutionException, MojoFailureException {
        if ("pom".equals(project.getPackaging())) {
            getLog().info("threadguard: skipping check of " + project.getArtifactId() + ", which has pom packaging");
            return;
        }
        Severity threshold;
        RuleSelection selection;
        AnalysisRequest request;
        try {
            threshold = Severity.parse(failOnSeverity, "threadguard.failOnSeverity");
            selection = RuleSelection.of(ruleOverrides());
            request = AnalysisRequest.builder()
                    .sourceRoots(sourceRoots())
                    .projectDirectory(project.getBasedir().toPath())
                    .includes(includes)
                    .excludes(excludes)
                    .languageLevel(ProjectSettings.languageLevel(project, languageLevel))
                    .rules(selection)
                    .settings(new AnalysisSettings(patterns(spawnMethods, "spawnMethods"),
                            patterns(blockingMethods, "blockingMethods")))
                    .encoding(charset())
                    .threads(threads)
                    .cacheFile(cache ? outputDirectory.toPath().resolve(CACHE_FILE) : null)
                    .toolVersion(plugin.getVersion())
                    .prefilter(prefilter)
                    .fork(fork ? pluginClassPath() : List.of())
                    .build();
        } catch (ConfigurationException e) {
            throw new MojoExecutionException("threadguard is misconfigured: " + e.getMessage(), e);
        }

        AnalysisResult result;
        try {
            result = new Analyzer(request).run(new ProgressLog(getLog()));
        } catch (ConfigurationException e) {
            throw new MojoExecutionException("threadguard is misconfigured: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new MojoExecutionException("threadguard could not analyse " + project.getArtifactId() + ": " + e, e);
        }

        Path repositoryRoot = ProjectSettings.repositoryRoot(project, session);
        Path sarif = outputDirectory.toPath().resolve(SARIF_FILE);
        ConsoleReport console = new ConsoleReport(getLog(), ProjectSettings.workingDirectory(repositoryRoot));
        console.findings(result);
        try {
            if (!Reports.isCurrent(sarif, request.cacheFile(), result)) {
                new SarifWriter(repositoryRoot, plugin.getVersion()).write(result, selection, sarif);
            }
        } catch (IOException e) {
            throw new MojoExecutionException("threadguard could not write " + sarif + ": " + e.getMessage(), e);
        }
        console.summary(result, sarif);
        Reports.writeHtml(outputDirectory.toPath(), project, plugin.getVersion(), getLog());

        int failing = result.findingsAtLeast(threshold).size();
        if (failing > 0) {
            String message = ConsoleReport.failureMessage(result, threshold);
            if (failOnViolation) {
                throw new MojoFailureException(message);
            }
            getLog().warn(message.lines().findFirst().orElse(message)
                    + " (not failing the build: threadguard.failOnViolation is false)");
        }
    }

    /** threadguard's own class path, as Maven resolved it for this plugin: what a forked analysis runs on. */
    private List<Path> pluginClassPath() {
        List<Path> classPath = new ArrayList<>();
        for (Artifact artifact : plugin.getArtifacts()) {
            if (artifact.getFile() != null) {
                classPath.add(artifact.getFile().toPath());
            }
        }
        return classPath;
    }

    private List<Path> sourceRoots() {
        List<Path> roots = new ArrayList<>();
        for (String root : project.getCompileSourceRoots()) {
            roots.add(Path.of(root));
        }
        if (includeTests) {
            for (String root : project.getTestCompileSourceRoots()) {
                roots.add(Path.of(root));
            }
        }
        return roots;
    }

    private List<RuleOverride> ruleOverrides() {
        List<RuleOverride> overrides = new ArrayList<>();
        if (rules != null) {
            for (RuleConfiguration rule : rules) {
                overrides.add(rule.toOverride());
            }
        }
        return overrides;
    }

    private static List<MethodPattern> patterns(List<String> methods, String parameter) {
        List<MethodPattern> result = new ArrayList<>();
        if (methods != null) {
            for (String method : methods) {
                result.add(MethodPattern.parse(method, parameter));
            }
        }
        return result;
    }

    private Charset charset() {
        if (encoding == null || encoding.isBlank()) {
            return StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(encoding.trim());
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new ConfigurationException("threadguard.encoding (or project.build.sourceEncoding) is '" + encoding
                    + "', which this JVM does not know. Use a charset name such as UTF-8 or ISO-8859-1.");
        }
    }
}
