package dev.threadguard.agent.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** The agent saw a budget exceeded. With fail-fast on, a thread dump and the end of the JVM follow. */
@Name(EventNames.BREACH)
@Label("Thread Budget Breach")
@Category({"threadguard"})
@Description("A thread budget was exceeded")
@StackTrace(false)
public class BreachEvent extends jdk.jfr.Event {
    @Label("Budget")
    public String budget;

    @Label("Limit")
    public long limit;

    @Label("Observed")
    public long observed;

    @Label("Fail Fast")
    public boolean failFast;
}
