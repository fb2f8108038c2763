package dev.threadguard.agent.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * Test mode: a platform thread is about to start. Committed in the thread that starts it, so the event thread is
 * the starter and the event is ordered with the test events that thread wrote before and after it; JFR's own
 * {@code jdk.ThreadStart} is written by the new thread once it runs, which may be after the starter has moved on to
 * the next test. The creation stack is in {@code jdk.ThreadStart}.
 */
@Name(EventNames.THREAD_STARTING)
@Label("Thread Starting")
@Category({"threadguard"})
@Description("A platform thread is about to start; the event thread is the starter")
@StackTrace(false)
public class ThreadStartingEvent extends jdk.jfr.Event {
    @Label("Thread Id")
    public long threadId;

    @Label("Thread Name")
    public String threadName;

    @Label("Framework")
    @Description("Started by the test framework or build tool (JUnit, TestNG, Surefire), not by a test")
    public boolean framework;

    @Label("Test From Stack")
    @Description("pkg.TestClass#method: the outermost application frame above the test framework, if any")
    public String stackTest;
}
