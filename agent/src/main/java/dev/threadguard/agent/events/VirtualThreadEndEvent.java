package dev.threadguard.agent.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** A sampled virtual thread (one with a VirtualThreadStart event) was seen ended, within a sample interval. */
@Name(EventNames.VIRTUAL_THREAD_END)
@Label("Virtual Thread End")
@Category({"threadguard"})
@Description("A sampled virtual thread ended")
@StackTrace(false)
public class VirtualThreadEndEvent extends jdk.jfr.Event {
    @Label("Thread Id")
    public long threadId;
}
