package dev.threadguard.agent.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** One thread of a thread dump the agent took on a breach, a leak, a timeout or at exit. */
@Name(EventNames.THREAD_DUMP)
@Label("Thread Dump Entry")
@Category({"threadguard"})
@Description("One thread of a dump taken on breach, leak, timeout or exit")
@StackTrace(false)
public class ThreadDumpEvent extends jdk.jfr.Event {
    @Label("Reason")
    @Description("breach, leak, timeout or exit")
    public String reason;

    @Label("Thread Id")
    public long threadId;

    @Label("Thread Name")
    public String threadName;

    @Label("State")
    public String state;

    @Label("Daemon")
    public boolean daemon;

    @Label("Leaked")
    @Description("A non-daemon application thread still alive after main returned and the grace period passed")
    public boolean leaked;

    @Label("Baseline")
    @Description("Alive before main started, or a JVM/JFR/agent thread")
    public boolean baseline;

    @Label("Lock")
    @Description("The lock the thread waits for, if any")
    public String lock;

    @Label("Stack")
    @Description("Frames, innermost first, one per line, as pkg.Class.method(File.java:LINE)")
    public String stack;
}
