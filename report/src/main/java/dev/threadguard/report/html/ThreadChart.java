package dev.threadguard.report.html;

import java.util.List;
import java.util.Locale;

/**
 * An inline SVG chart of live threads over time: a step line per kind (platform, virtual), each budget as a
 * dashed horizontal line, the first point above a budget marked as the breach, and a service's marks (ready, load
 * start and end, stop) as labelled vertical lines.
 */
final class ThreadChart {

    /** One series: points of [millis since start, live threads], in time order. */
    record Series(String label, String color, List<long[]> points, Long budget, String budgetName) {
    }

    /** A moment to mark: millis since start and a label. */
    record Mark(long millis, String label) {
    }

    private static final int WIDTH = 1000;
    private static final int HEIGHT = 320;
    private static final int LEFT = 56;
    private static final int RIGHT = 150;
    private static final int TOP = 16;
    private static final int BOTTOM = 40;

    private ThreadChart() {
    }

    static void render(Html html, List<Series> series, long durationMillis) {
        render(html, series, List.of(), durationMillis);
    }

    static void render(Html html, List<Series> series, List<Mark> marks, long durationMillis) {
        long maxMillis = Math.max(1, durationMillis);
        for (Mark mark : marks) {
            maxMillis = Math.max(maxMillis, mark.millis());
        }
        long maxLive = 1;
        for (Series one : series) {
            for (long[] point : one.points()) {
                maxMillis = Math.max(maxMillis, point[0]);
                maxLive = Math.max(maxLive, point[1]);
            }
            if (one.budget() != null) {
                maxLive = Math.max(maxLive, one.budget());
            }
        }
        long yMax = niceCeiling(maxLive + Math.max(1, maxLive / 10));
        double plotWidth = WIDTH - LEFT - RIGHT;
        double plotHeight = HEIGHT - TOP - BOTTOM;
        double xScale = plotWidth / maxMillis;
        double yScale = plotHeight / yMax;

        html.raw("<svg class=\"chart\" role=\"img\" viewBox=\"0 0 " + WIDTH + " " + HEIGHT + "\" "
                + "xmlns=\"http://www.w3.org/2000/svg\"><title>Live threads over time</title>");
        // axes and grid
        for (int i = 0; i <= 4; i++) {
            long value = yMax * i / 4;
            double y = TOP + plotHeight - value * yScale;
            html.raw(format("<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#eee\"/>", LEFT, y,
                    LEFT + plotWidth, y));
            html.raw(format("<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">", LEFT - 6, y + 4)).text(value)
                    .raw("</text>");
        }
        for (int i = 0; i <= 5; i++) {
            long millis = maxMillis * i / 5;
            double x = LEFT + millis * xScale;
            html.raw(format("<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">", x, HEIGHT - BOTTOM + 16))
                    .text(seconds(millis)).raw("</text>");
        }
        html.raw(format("<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">time since start</text>",
                LEFT + plotWidth / 2, HEIGHT - 6));
        html.raw(format("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%.1f\" stroke=\"#999\"/>", LEFT, TOP, LEFT,
                TOP + plotHeight));
        html.raw(format("<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#999\"/>", LEFT,
                TOP + plotHeight, LEFT + plotWidth, TOP + plotHeight));

        int markIndex = 0;
        for (Mark mark : marks) {
            double x = LEFT + mark.millis() * xScale;
            html.raw(format("<line class=\"mark\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#555\" "
                    + "stroke-dasharray=\"2 3\"/>", x, TOP, x, TOP + plotHeight));
            html.raw(format("<text class=\"mark\" x=\"%.1f\" y=\"%d\" fill=\"#555\">", x + 3,
                    TOP + 10 + 12 * (markIndex++ % 3))).text(mark.label()).raw("</text>");
        }
        for (Series one : series) {
            if (one.budget() != null) {
                double y = TOP + plotHeight - one.budget() * yScale;
                html.raw(format("<line class=\"budget\" x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
                        + "stroke-dasharray=\"6 4\" stroke-width=\"1.5\"/>", LEFT, y, LEFT + plotWidth, y, one.color()));
                html.raw(format("<text x=\"%.1f\" y=\"%.1f\">", LEFT + plotWidth + 6, y + 4))
                        .text(one.budgetName() + " " + one.budget()).raw("</text>");
            }
            if (one.points().isEmpty()) {
                continue;
            }
            StringBuilder points = new StringBuilder();
            long previous = 0;
            for (long[] point : one.points()) {
                double x = LEFT + point[0] * xScale;
                points.append(format("%.1f,%.1f %.1f,%.1f ", x, TOP + plotHeight - previous * yScale, x,
                        TOP + plotHeight - point[1] * yScale));
                previous = point[1];
            }
            points.append(format("%.1f,%.1f", LEFT + maxMillis * xScale, TOP + plotHeight - previous * yScale));
            html.raw("<polyline class=\"series\" fill=\"none\" stroke-width=\"2\" stroke=\"").raw(one.color())
                    .raw("\" points=\"").raw(points.toString()).raw("\"><title>").text(one.label())
                    .raw("</title></polyline>");
            if (one.budget() != null) {
                for (long[] point : one.points()) {
                    if (point[1] > one.budget()) {
                        double x = LEFT + point[0] * xScale;
                        double y = TOP + plotHeight - point[1] * yScale;
                        html.raw(format("<circle class=\"breach\" cx=\"%.1f\" cy=\"%.1f\" r=\"6\" fill=\"none\" "
                                + "stroke=\"#c62828\" stroke-width=\"2.5\"/>", x, y));
                        html.raw(format("<text x=\"%.1f\" y=\"%.1f\" fill=\"#c62828\">", x + 9, Math.max(TOP + 10, y - 8)))
                                .text(one.budgetName() + " breached at " + seconds(point[0])).raw("</text>");
                        break;
                    }
                }
            }
        }
        html.raw("</svg><div class=\"legend\">");
        for (Series one : series) {
            html.raw("<span><i class=\"swatch\" style=\"background:").raw(one.color()).raw("\"></i>").text(one.label())
                    .raw("</span>");
        }
        html.raw("<span>dashed: budgets</span></div>");
    }

    private static long niceCeiling(long value) {
        long magnitude = 1;
        while (magnitude * 10 <= value) {
            magnitude *= 10;
        }
        for (long step : new long[] {1, 2, 5, 10}) {
            if (step * magnitude >= value) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static String seconds(long millis) {
        return millis < 10_000 ? String.format(Locale.ROOT, "%.1f s", millis / 1000.0)
                : String.format(Locale.ROOT, "%d s", millis / 1000);
    }

    private static String format(String pattern, Object... values) {
        return String.format(Locale.ROOT, pattern, values);
    }
}
