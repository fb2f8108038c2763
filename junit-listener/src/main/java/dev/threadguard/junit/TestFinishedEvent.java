package dev.threadguard.junit;

import dev.threadguard.agent.events.EventNames;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** A test or a test class has finished, in the thread that ran it. */
@Name(EventNames.TEST_FINISHED)
@Label("Test Finished")
@Category({"threadguard"})
@Description("A test or test class finished in the event thread")
@StackTrace(false)
public class TestFinishedEvent extends jdk.jfr.Event {
    @Label("Unique Id")
    public String uniqueId;

    @Label("Test")
    public String test;

    @Label("Result")
    @Description("SUCCESSFUL, ABORTED or FAILED")
    public String result;
}
