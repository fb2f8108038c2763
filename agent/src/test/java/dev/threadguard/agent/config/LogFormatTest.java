package dev.threadguard.agent.config;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LogFormatTest {

    @Test
    void fieldsRoundTripWhateverTheyHold() {
        String awkward = "tab\there, newline\nthere, \\ backslash, \\0 not null, \r return, ünïcödé";
        String line = new LogFormat.Line("NOTE").add(awkward).add((String) null).add(42).add(true)
                .add(List.of("a.B.c(B.java:1)", "d.E.f(E.java:2)")).add("").toString();

        assertThat(line).endsWith("\n").hasLineCount(1);
        List<String> fields = LogFormat.fields(line.substring(0, line.length() - 1));
        assertThat(fields).containsExactly("NOTE", awkward, null, "42", "1", "a.B.c(B.java:1)\nd.E.f(E.java:2)", "");
        assertThat(LogFormat.items(fields.get(5))).containsExactly("a.B.c(B.java:1)", "d.E.f(E.java:2)");
        assertThat(LogFormat.items(null)).isEmpty();
        assertThat(LogFormat.items("")).isEmpty();
    }

    @Test
    void aFieldOfOnlyANulCharacterIsNotNull() {
        String line = new LogFormat.Line("X").add("\0").toString();
        assertThat(LogFormat.fields(line.substring(0, line.length() - 1))).isEqualTo(Arrays.asList("X", "\0"));
    }
}
