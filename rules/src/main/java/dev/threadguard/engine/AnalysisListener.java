package dev.threadguard.engine;

/** Hears about an analysis while it runs, e.g. to show progress. Called from analysis threads. */
public interface AnalysisListener {

    AnalysisListener NONE = new AnalysisListener() {
    };

    /** Called after each file, with the number of files done so far and the total. */
    default void fileDone(int done, int total) {
    }

    /** Called when a large analysis has started in a JVM of its own ({@link AnalysisRequest#forkClassPath()}). */
    default void forked() {
    }
}
