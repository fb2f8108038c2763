package dev.threadguard.plugin;

import dev.threadguard.api.AnalysisSettings;
import dev.threadguard.api.ConfigurationException;
import dev.threadguard.api.MethodPattern;
import dev.threadguard.engine.AnalysisRequest;
import dev.threadguard.engine.AnalysisResult;
import dev.threadguard.engine.Analyzer;
import dev.threadguard.engine.RuleOverride;
import dev.threadguard.engine.RuleSelection;
import dev.threadguard.report.OutputFiles;
import dev.threadguard.report.baseline.Baseline;
import dev.threadguard.report.baseline.Fingerprint;
import dev.threadguard.report.baseline.Fingerprints;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What {@code check} and {@code baseline} share: the parameters of the static analysis, declared once, the baseline
 * file, and running the analysis.
 */
public abstract class AbstractAnalysisMojo extends AbstractThreadguardMojo {

    /** Also analyse the test sources. */
    @Parameter(property = "threadguard.includeTests", defaultValue = "false")
    private boolean includeTests;

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

    /**
     * The module's baseline: the findings known when {@code threadguard:baseline} wrote it. {@code check} reports
     * those only as a count and fails on new findings alone; commit the file with the module.
     */
    @Parameter(property = "threadguard.baselineFile", defaultValue = "${project.basedir}/" + OutputFiles.BASELINE)
    protected File baselineFile;

    /** A finished analysis: what was asked, with which rules, and what was found. */
    record Analysis(AnalysisRequest request, RuleSelection selection, AnalysisResult result) {
    }

    /** True for modules without sources of their own, which both goals skip with one line. */
    protected final boolean hasNoSources(String goal) {
        if ("pom".equals(project.getPackaging())) {
            getLog().info("threadguard: skipping " + goal + " of " + project.getArtifactId()
                    + ", which has pom packaging");
            return true;
        }
        return false;
    }

    /** Runs the analysis this goal's parameters describe. */
    protected final Analysis analyse() throws MojoExecutionException {
        RuleSelection selection;
        AnalysisRequest request;
        try {
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
                    .cacheFile(cache ? outputDirectory.toPath().resolve(OutputFiles.ANALYSIS_CACHE) : null)
                    .toolVersion(plugin.getVersion())
                    .prefilter(prefilter)
                    .fork(fork ? pluginClassPath() : List.of())
                    .build();
        } catch (ConfigurationException e) {
            throw new MojoExecutionException("threadguard is misconfigured: " + e.getMessage(), e);
        }
        try {
            return new Analysis(request, selection, new Analyzer(request).run(new ProgressLog(getLog())));
        } catch (ConfigurationException e) {
            throw new MojoExecutionException("threadguard is misconfigured: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new MojoExecutionException("threadguard could not analyse " + project.getArtifactId() + ": " + e, e);
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

    /** The findings' fingerprints, relative to this module's directory. */
    protected final List<Fingerprint> fingerprints(AnalysisResult result) {
        return Fingerprints.of(result.findings(), moduleDirectory());
    }

    /** The files that could not be analysed, as fingerprints name them: their baselined findings are left alone. */
    protected final Set<String> unanalysed(AnalysisResult result) {
        return Fingerprints.files(result.problems(), moduleDirectory());
    }

    protected final Path moduleDirectory() {
        return project.getBasedir().toPath().toAbsolutePath().normalize();
    }

    protected final Path baselinePath() {
        return baselineFile.toPath().toAbsolutePath().normalize();
    }

    /** The module's baseline, or null when it has none. */
    protected final Baseline readBaseline() throws MojoExecutionException {
        Path file = baselinePath();
        if (!Files.exists(file)) {
            return null;
        }
        try {
            return Baseline.read(file);
        } catch (IOException e) {
            String problem = String.valueOf(e.getMessage());
            throw new MojoExecutionException("threadguard cannot read its baseline: "
                    + (problem.contains(file.toString()) ? problem : file + ": " + problem)
                    + "\nWrite it again with mvn threadguard:baseline, or point threadguard.baselineFile elsewhere.",
                    e);
        }
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
