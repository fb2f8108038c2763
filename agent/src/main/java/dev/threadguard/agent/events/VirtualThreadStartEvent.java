package dev.threadguard.agent.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

/**
 * A virtual thread started, committed in the thread that started it, so the stack trace is the creator's. The
 * first starts are all recorded; after that one in {@code weight} is, and stands for {@code weight} starts.
 */
@Name(EventNames.VIRTUAL_THREAD_START)
@Label("Virtual Thread Start")
@Category({"threadguard"})
@Description("A virtual thread started; the stack trace is its creator's")
public class VirtualThreadStartEvent extends jdk.jfr.Event {
    @Label("Thread Id")
    public long threadId;

    @Label("Thread Name")
    public String threadName;

    @Label("Weight")
    @Description("How many starts this sampled event stands for")
    public int weight;
}
