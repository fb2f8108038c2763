package dev.threadguard.report.runtime;

import dev.threadguard.agent.config.Frames;
import dev.threadguard.agent.config.TextPattern;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code allowedLeaks}: threads an owner site may leave behind per JVM, e.g. a library's one retry scheduler. A site
 * pattern (a glob or {@code regex:}, as for the ignore lists) is matched against {@code pkg.Class.method} of the
 * owner's site; up to {@code max} threads per JVM from matching sites are allowed, and every one beyond is a leak.
 * Unlike an ignore, an allowance cannot hide a second, real leak from the same place.
 */
public final class Allowances {

    /** One {@code <allow>}. */
    public record Allow(TextPattern site, long max) {
    }

    public static final Allowances NONE = new Allowances(List.of());

    private final List<Allow> allows;

    public Allowances(List<Allow> allows) {
        this.allows = List.copyOf(allows);
    }

    /** @throws IllegalArgumentException naming the bad entry */
    public static Allowances of(List<String> sites, List<Long> maxes) {
        List<Allow> allows = new ArrayList<>();
        for (int i = 0; i < sites.size(); i++) {
            String site = sites.get(i);
            Long max = maxes.get(i);
            if (site == null || site.isBlank()) {
                throw new IllegalArgumentException("allowedLeaks entry " + (i + 1) + " has no <site>: name the owner "
                        + "site as pkg.Class.method, e.g. <site>com.acme.Retry.delayer</site>");
            }
            if (max == null || max < 1) {
                throw new IllegalArgumentException("allowedLeaks entry " + (i + 1) + " (" + site + ") needs a <max> of "
                        + "1 or more: the most threads that site may leave behind in one JVM");
            }
            try {
                allows.add(new Allow(TextPattern.compile(site), max));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("allowedLeaks entry " + (i + 1) + " has a bad site pattern '" + site
                        + "': " + e.getMessage());
            }
        }
        return new Allowances(allows);
    }

    public boolean isEmpty() {
        return allows.isEmpty();
    }

    /** Counts allowances used within one JVM. */
    public final class PerJvm {
        private final Map<Allow, Long> used = new HashMap<>();

        /** True if a leaked thread of this owner site is allowed (and uses up one of its allowance). */
        public boolean allows(String siteFrame) {
            String method = Frames.methodOf(siteFrame);
            for (Allow allow : allows) {
                if (allow.site().matches(method)) {
                    long count = used.merge(allow, 1L, Long::sum);
                    return count <= allow.max();
                }
            }
            return false;
        }

        public String describe(String siteFrame) {
            String method = Frames.methodOf(siteFrame);
            for (Allow allow : allows) {
                if (allow.site().matches(method)) {
                    return "allowed by allowedLeaks " + allow.site() + " (at most " + allow.max() + " per JVM)";
                }
            }
            return null;
        }
    }

    public PerJvm perJvm() {
        return new PerJvm();
    }
}
