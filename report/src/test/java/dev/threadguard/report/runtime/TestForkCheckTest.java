package dev.threadguard.report.runtime;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class TestForkCheckTest {

    private static TestForkCheck.Result check(String property, Properties properties,
            TestForkCheck.PluginConfig... configs) {
        return TestForkCheck.check(List.of(configs), property, properties, Set.of("opts"));
    }

    /** A surefire execution; an {@code argLine} among the values is the raw text from the pom. */
    private static TestForkCheck.PluginConfig surefire(Map<String, String> values) {
        Map<String, String> effective = new HashMap<>(values);
        String argLine = effective.remove("argLine");
        return new TestForkCheck.PluginConfig("maven-surefire-plugin", "default-test", effective, argLine);
    }

    @Test
    void anArgLineThatKeepsThePropertyIsFine() {
        TestForkCheck.Result result = check("argLine", new Properties(),
                surefire(Map.of("argLine", "@{argLine} -Xmx1g")),
                new TestForkCheck.PluginConfig("maven-failsafe-plugin", null, Map.of(), "${argLine} -ea"),
                surefire(Map.of()));

        assertThat(result.warnings()).isEmpty();
        assertThat(result.listenerSafe()).isTrue();
    }

    @Test
    void aHardCodedArgLineIsSaidLoudlyWithTheFix() {
        TestForkCheck.Result result = check("argLine", new Properties(), surefire(Map.of("argLine", " -Xmx1g ")));

        assertThat(result.warnings()).singleElement().satisfies(warning -> assertThat(warning)
                .startsWith("maven-surefire-plugin (execution default-test) sets <argLine>-Xmx1g</argLine> without "
                        + "@{argLine}")
                .endsWith("Write <argLine>@{argLine} -Xmx1g</argLine>."));
    }

    @Test
    void theAdviceQuotesTheArgLineAsWrittenAndOffersThePropertyNameForAnUndefinedProperty() {
        TestForkCheck.Result result = check("argLine", new Properties(),
                surefire(Map.of("argLine", "-Xmx1g ${opts}")),
                new TestForkCheck.PluginConfig("maven-failsafe-plugin", "it", Map.of(), "${surefireArgs}"));

        assertThat(result.advice("argLine")).isEqualTo("""

                maven-surefire-plugin (execution default-test) sets <argLine>-Xmx1g ${opts}</argLine>, which leaves \
                the agent out. Write it as
                    <argLine>@{argLine} -Xmx1g ${opts}</argLine>
                and, so that builds without threadguard still work, define the property empty:
                    <properties><argLine></argLine></properties>
                maven-failsafe-plugin (execution it) sets <argLine>${surefireArgs}</argLine>, which leaves the agent \
                out. Write it as
                    <argLine>@{argLine} ${surefireArgs}</argLine>
                and, so that builds without threadguard still work, define the property empty:
                    <properties><argLine></argLine></properties>
                Or, without editing the pom: -Dthreadguard.propertyName=surefireArgs (threadguard then adds its agent \
                to ${surefireArgs}, which the pom does not define)""");
    }

    @Test
    void theConfiguredPropertyNameIsTheOneLookedFor() {
        assertThat(check("tgArgs", new Properties(), surefire(Map.of("argLine", "@{argLine}"))).warnings())
                .singleElement().asString().contains("without @{tgArgs}");
        assertThat(check("tgArgs", new Properties(), surefire(Map.of("argLine", "@{argLine} @{tgArgs}"))).warnings())
                .isEmpty();
    }

    @Test
    void forkCountZeroFromTheConfigurationOrAProperty() {
        Properties forkCount = new Properties();
        forkCount.setProperty("forkCount", "0");

        assertThat(check("argLine", new Properties(), surefire(Map.of("forkCount", "0"))).warnings())
                .singleElement().asString().contains("forkCount=0: the tests run inside Maven's own JVM");
        assertThat(check("argLine", forkCount, surefire(Map.of())).warnings()).hasSize(1);
        assertThat(check("argLine", new Properties(), surefire(Map.of("forkCount", "1C"))).warnings()).isEmpty();
    }

    @Test
    void anIsolatedClassLoaderMakesTheListenerUnsafe() {
        Properties property = new Properties();
        property.setProperty("surefire.useSystemClassLoader", "false");

        assertThat(check("argLine", new Properties(), surefire(Map.of("useSystemClassLoader", "false")))
                .listenerSafe()).isFalse();
        assertThat(check("argLine", property, surefire(Map.of())).isolatedLoaders())
                .containsExactly("maven-surefire-plugin (execution default-test)");
        assertThat(check("argLine", new Properties(), surefire(Map.of("useSystemClassLoader", "true")))
                .listenerSafe()).isTrue();
    }
}
