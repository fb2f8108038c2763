package dev.threadguard.engine;

import dev.threadguard.api.AnalysisSettings;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Everything one analysis needs: where the sources are, which of them to read, how to parse them and which rules
 * to run. Build one with {@link #builder()}.
 */
public final class AnalysisRequest {
    private final List<Path> sourceRoots;
    private final Path projectDirectory;
    private final List<String> includes;
    private final List<String> excludes;
    private final String languageLevel;
    private final RuleSelection rules;
    private final AnalysisSettings settings;
    private final Charset encoding;
    private final int threads;
    private final Path cacheFile;
    private final String toolVersion;
    private final boolean prefilter;
    private final List<Path> forkClassPath;

    private AnalysisRequest(Builder builder) {
        this.sourceRoots = List.copyOf(builder.sourceRoots);
        this.projectDirectory = builder.projectDirectory;
        this.includes = List.copyOf(builder.includes);
        this.excludes = List.copyOf(builder.excludes);
        this.languageLevel = builder.languageLevel;
        this.rules = Objects.requireNonNull(builder.rules, "rules");
        this.settings = Objects.requireNonNull(builder.settings, "settings");
        this.encoding = builder.encoding;
        this.threads = builder.threads > 0 ? builder.threads : Runtime.getRuntime().availableProcessors();
        this.cacheFile = builder.cacheFile;
        this.toolVersion = builder.toolVersion;
        this.prefilter = builder.prefilter;
        this.forkClassPath = List.copyOf(builder.forkClassPath);
    }

    /** A builder holding this request's settings, to derive a changed copy. */
    public Builder toBuilder() {
        return new Builder().sourceRoots(sourceRoots).projectDirectory(projectDirectory).includes(includes)
                .excludes(excludes).languageLevel(languageLevel).rules(rules).settings(settings).encoding(encoding)
                .threads(threads).cacheFile(cacheFile).toolVersion(toolVersion).prefilter(prefilter)
                .fork(forkClassPath);
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<Path> sourceRoots() {
        return sourceRoots;
    }

    public Path projectDirectory() {
        return projectDirectory;
    }

    public List<String> includes() {
        return includes;
    }

    public List<String> excludes() {
        return excludes;
    }

    /** The Java version to parse at, e.g. {@code 17}; null for the newest the parser knows. */
    public String languageLevel() {
        return languageLevel;
    }

    public RuleSelection rules() {
        return rules;
    }

    public AnalysisSettings settings() {
        return settings;
    }

    public Charset encoding() {
        return encoding;
    }

    public int threads() {
        return threads;
    }

    /** Where the analysis cache lives; null for no cache. */
    public Path cacheFile() {
        return cacheFile;
    }

    /** The version of the tool asking, part of the cache key. */
    public String toolVersion() {
        return toolVersion;
    }

    /** Whether files that cannot hold a finding are skipped without parsing (always true outside of tests). */
    public boolean prefilter() {
        return prefilter;
    }

    /**
     * The class path of the JVM a large analysis runs in ({@link ForkedAnalysis}); empty when every analysis runs in
     * this JVM.
     */
    public List<Path> forkClassPath() {
        return forkClassPath;
    }

    public static final class Builder {
        private List<Path> sourceRoots = List.of();
        private Path projectDirectory;
        private List<String> includes = List.of();
        private List<String> excludes = List.of();
        private String languageLevel;
        private RuleSelection rules = RuleSelection.defaults();
        private AnalysisSettings settings = AnalysisSettings.DEFAULT;
        private Charset encoding = StandardCharsets.UTF_8;
        private int threads;
        private Path cacheFile;
        private String toolVersion = "";
        private boolean prefilter = true;
        private List<Path> forkClassPath = List.of();

        public Builder sourceRoots(List<Path> roots) {
            this.sourceRoots = roots;
            return this;
        }

        public Builder projectDirectory(Path directory) {
            this.projectDirectory = directory;
            return this;
        }

        public Builder includes(List<String> patterns) {
            this.includes = patterns == null ? List.of() : patterns;
            return this;
        }

        public Builder excludes(List<String> patterns) {
            this.excludes = patterns == null ? List.of() : patterns;
            return this;
        }

        public Builder languageLevel(String level) {
            this.languageLevel = level;
            return this;
        }

        public Builder rules(RuleSelection selection) {
            this.rules = selection;
            return this;
        }

        public Builder settings(AnalysisSettings analysisSettings) {
            this.settings = analysisSettings;
            return this;
        }

        public Builder encoding(Charset charset) {
            this.encoding = charset;
            return this;
        }

        /** Worker threads for parsing and checking; 0 or less means one per available processor. */
        public Builder threads(int count) {
            this.threads = count;
            return this;
        }

        /** Keep an analysis cache in this file, so unchanged files are not parsed again; null for none. */
        public Builder cacheFile(Path file) {
            this.cacheFile = file;
            return this;
        }

        public Builder toolVersion(String version) {
            this.toolVersion = version == null ? "" : version;
            return this;
        }

        /** Turns the skipping of files that cannot hold a finding off; for proving it changes nothing. */
        public Builder prefilter(boolean enabled) {
            this.prefilter = enabled;
            return this;
        }

        /**
         * Lets an analysis of many changed files run in a JVM of its own, tuned for it, on this class path:
         * threadguard-rules and its dependencies, as the build tool resolved them (a Maven plugin passes its own
         * artifacts). Empty, the default, keeps every analysis in this JVM.
         */
        public Builder fork(List<Path> classPath) {
            this.forkClassPath = classPath == null ? List.of() : classPath;
            return this;
        }

        public AnalysisRequest build() {
            return new AnalysisRequest(this);
        }
    }
}
