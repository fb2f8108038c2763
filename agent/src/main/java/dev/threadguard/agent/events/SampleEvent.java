package dev.threadguard.agent.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * The agent's periodic count of the application's threads (baseline excluded), written when a value changed and
 * at least every quarter second.
 */
@Name(EventNames.SAMPLE)
@Label("Thread Count Sample")
@Category({"threadguard"})
@Description("Live and peak application threads since the previous sample")
@StackTrace(false)
public class SampleEvent extends jdk.jfr.Event {
    @Label("Live Platform Threads")
    public int liveThreads;

    @Label("Peak Platform Threads")
    @Description("Highest live count since the previous sample (ThreadMXBean peak, so short peaks are seen)")
    public int peakThreads;

    @Label("Platform Threads Started")
    public long threadsStarted;

    @Label("Live Virtual Threads")
    public long liveVirtualThreads;

    @Label("Peak Virtual Threads")
    @Description("Highest live virtual-thread count since the previous sample")
    public long peakVirtualThreads;

    @Label("Virtual Threads Started")
    public long virtualThreadsStarted;
}
