package dev.threadguard.engine;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GlobTest {

    @Test
    void followsAntConventions() {
        assertThat(Glob.compile("**/*.java").matches("A.java")).isTrue();
        assertThat(Glob.compile("**/*.java").matches("a/b/A.java")).isTrue();
        assertThat(Glob.compile("**/generated/**").matches("com/acme/generated/x/A.java")).isTrue();
        assertThat(Glob.compile("**/generated/**").matches("com/acme/generator/A.java")).isFalse();
        assertThat(Glob.compile("com/*/A.java").matches("com/x/y/A.java")).isFalse();
        assertThat(Glob.compile("com/?/A.java").matches("com/x/A.java")).isTrue();
        assertThat(Glob.compile("legacy/").matches("legacy/old/A.java")).isTrue();
        assertThat(Glob.compile("a.b/*.java").matches("axb/A.java")).isFalse();
    }
}
