package dev.threadguard.agent.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Period;
import jdk.jfr.StackTrace;

/**
 * The agent's totals, written at the end of every chunk: when the recording is dumped before a halt and when JFR
 * stops it at exit. The last one in a recording is the final word.
 */
@Name(EventNames.RUN_SUMMARY)
@Label("Thread Run Summary")
@Category({"threadguard"})
@Description("Totals of the run so far; the last one is final")
@StackTrace(false)
@Period("endChunk")
public class RunSummaryEvent extends jdk.jfr.Event {
    @Label("End Reason")
    @Description("running, exit, breach, leak or timeout")
    public String endReason;

    @Label("Exit Code")
    @Description("The code the agent halted with, or -1")
    public int exitCode;

    @Label("Main Ended")
    public boolean mainEnded;

    @Label("Peak Platform Threads")
    public int peakThreads;

    @Label("Live Platform Threads")
    public int liveThreads;

    @Label("Platform Threads Started")
    public long threadsStarted;

    @Label("Virtual Threads")
    public String virtualThreads;

    @Label("Peak Virtual Threads")
    public long peakVirtualThreads;

    @Label("Live Virtual Threads")
    public long liveVirtualThreads;

    @Label("Virtual Threads Started")
    public long virtualThreadsStarted;

    @Label("Leaked Threads")
    public int leakedThreads;
}
