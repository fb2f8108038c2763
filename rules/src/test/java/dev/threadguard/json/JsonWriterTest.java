package dev.threadguard.json;

import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class JsonWriterTest {

    @Test
    void writesWhatTheReaderReadsBackIncludingAwkwardStrings() {
        StringWriter out = new StringWriter();
        String awkward = "quote\" backslash\\ newline\n tab\t control\u0001 <img src=x onerror=alert(1)> \u2028";
        new JsonWriter(out).beginObject()
                .field("text", awkward)
                .field("count", 42)
                .field("nothing", (Number) null)
                .name("empty").beginArray().endArray()
                .name("list").beginArray().value(1.5).value(true).beginObject().endObject().endArray()
                .endObject();

        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("text", awkward);
        expected.put("count", 42L);
        expected.put("nothing", null);
        expected.put("empty", List.of());
        expected.put("list", List.of(1.5, true, Map.of()));
        assertThat(JsonReader.parse(out.toString())).isEqualTo(expected);
        assertThat(out.toString()).contains("\n  \"count\": 42,");
    }
}
