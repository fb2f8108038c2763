package dev.threadguard.junit;

import dev.threadguard.agent.events.EventNames;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** A test or a test class starts, in the thread that runs it. */
@Name(EventNames.TEST_STARTED)
@Label("Test Started")
@Category({"threadguard"})
@Description("A test or test class starts running in the event thread")
@StackTrace(false)
public class TestStartedEvent extends jdk.jfr.Event {
    @Label("Unique Id")
    public String uniqueId;

    @Label("Test")
    @Description("pkg.TestClass#method for a test, pkg.TestClass for a class")
    public String test;

    @Label("Container")
    public boolean container;
}
