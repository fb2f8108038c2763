package dev.threadguard.report.model;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/**
 * Live application threads over time, in milliseconds since the JVM's agent started: {@code platform} and
 * {@code virtual} as {@code [millis, live]} points (at most 2,000 each), and the service marks (ready, load start and
 * end, stop).
 */
@JsonPropertyOrder({"platform", "virtual", "marks"})
public record Timeline(List<Point> platform, List<Point> virtual, List<Mark> marks) {

    public static final Timeline EMPTY = new Timeline(List.of(), List.of(), List.of());

    /** Written as a two-element array. */
    @JsonFormat(shape = JsonFormat.Shape.ARRAY)
    @JsonPropertyOrder({"millis", "live"})
    public record Point(long millis, long live) {
    }

    public record Mark(long millis, String name) {
    }
}
