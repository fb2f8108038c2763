package dev.threadguard.agent.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** Written once at start: the threads alive before {@code main}, which are reported and never counted. */
@Name(EventNames.BASELINE)
@Label("Thread Baseline")
@Category({"threadguard"})
@Description("Threads alive when the agent started (JVM, JFR and agent threads); they are not counted")
@StackTrace(false)
public class BaselineEvent extends jdk.jfr.Event {
    @Label("Baseline Threads")
    public int baselineThreads;

    @Label("Thread Names")
    @Description("One name per line")
    public String threadNames;

    @Label("Thread Ids")
    @Description("Comma-separated thread ids")
    public String threadIds;

    @Label("Main Thread Id")
    public long mainThreadId;

    @Label("Java Version")
    public String javaVersion;

    @Label("Virtual Threads")
    @Description("unsupported, instrumented (creation sites recorded) or counts-only")
    public String virtualThreads;

    @Label("Options")
    @Description("The agent options in effect")
    public String options;

    @Label("Sample Interval")
    public long sampleMillis;
}
