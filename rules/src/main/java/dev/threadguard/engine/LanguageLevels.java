package dev.threadguard.engine;

import com.github.javaparser.ParserConfiguration.LanguageLevel;
import dev.threadguard.api.ConfigurationException;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Maps the Java versions users write in poms ({@code 1.8}, {@code 17}, {@code 21}) to the parser's levels. */
public final class LanguageLevels {

    private static final Pattern RELEASE = Pattern.compile("JAVA_(?:1_)?(\\d+)");

    private LanguageLevels() {
    }

    /**
     * The parser level for a Java version; the newest level for null or blank. A version newer than the parser
     * knows is parsed at the newest level it knows.
     *
     * @throws ConfigurationException when the value is not a Java version
     */
    public static LanguageLevel forVersion(String version) {
        int release = release(version);
        if (release == NEWEST) {
            return newest();
        }
        LanguageLevel best = null;
        for (LanguageLevel level : releases()) {
            if (releaseOf(level) <= release) {
                best = level;
            }
        }
        if (best == null) {
            throw new ConfigurationException("The language level '" + version + "' is older than the parser "
                    + "supports; supported: " + supported() + ".");
        }
        return best;
    }

    private static final int NEWEST = Integer.MAX_VALUE;

    /**
     * The Java release a version names ({@code 1.8} is 8), or {@code Integer.MAX_VALUE} for the newest, without
     * loading the parser.
     *
     * @throws ConfigurationException when the value is not a Java version
     */
    public static int release(String version) {
        if (version == null || version.isBlank()) {
            return NEWEST;
        }
        String normalized = version.trim();
        if (normalized.startsWith("1.")) {
            normalized = normalized.substring(2);
        }
        try {
            return Integer.parseInt(normalized);
        } catch (NumberFormatException e) {
            throw new ConfigurationException("The language level '" + version + "' is not a Java version. Set "
                    + "threadguard.languageLevel (or maven.compiler.release) to a number such as 8, 11, 17 or 21.");
        }
    }

    public static LanguageLevel newest() {
        List<LanguageLevel> releases = releases();
        return releases.get(releases.size() - 1);
    }

    private static List<LanguageLevel> releases() {
        return Arrays.stream(LanguageLevel.values())
                .filter(level -> RELEASE.matcher(level.name()).matches())
                .sorted(Comparator.comparingInt(LanguageLevels::releaseOf))
                .toList();
    }

    private static int releaseOf(LanguageLevel level) {
        Matcher matcher = RELEASE.matcher(level.name());
        if (!matcher.matches()) {
            return -1;
        }
        return Integer.parseInt(matcher.group(1));
    }

    private static String supported() {
        List<LanguageLevel> releases = releases();
        return releaseOf(releases.get(0)) + " to " + releaseOf(releases.get(releases.size() - 1));
    }
}
