package dev.threadguard.agent.config;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TextPatternTest {

    @Test
    void globsMatchTheWholeTextWithStarAcrossDots() {
        TextPattern pool = TextPattern.compile("pool-*-thread-?");
        assertThat(pool.matches("pool-1-thread-2")).isTrue();
        assertThat(pool.matches("pool-12-thread-3")).isTrue();
        assertThat(pool.matches("pool-1-thread-12")).isFalse();
        assertThat(pool.matches("my-pool-1-thread-2")).isFalse();
        assertThat(TextPattern.compile("com.zaxxer.*").matches("com.zaxxer.hikari.pool.HikariPool.<init>")).isTrue();
        assertThat(TextPattern.compile("com.zaxxer.*").matches("comXzaxxer.Foo")).isFalse();
        assertThat(TextPattern.compile("a(b)[c]").matches("a(b)[c]")).isTrue();
    }

    @Test
    void regexPrefixGivesAJavaRegularExpression() {
        TextPattern regex = TextPattern.compile("regex:grpc-default-worker-\\d+");
        assertThat(regex.matches("grpc-default-worker-17")).isTrue();
        assertThat(regex.matches("grpc-default-worker-x")).isFalse();
        assertThat(regex.toString()).isEqualTo("regex:grpc-default-worker-\\d+");
    }

    @Test
    void badPatternsAreExplained() {
        assertThatThrownBy(() -> TextPattern.compile("regex:[a-")).hasMessageContaining("not a valid regular expression");
        assertThatThrownBy(() -> TextPattern.compile(" ")).hasMessageContaining("empty pattern");
    }
}
