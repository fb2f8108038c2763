package dev.threadguard.agent.runtime;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Idle or busy, from stacks as the JDK dumps them (taken from real runs of each server). */
class ThreadDumpsTest {

    private static final List<String> TOMCAT_IDLE = List.of(
            "jdk.internal.misc.Unsafe.park(Native Method)",
            "java.util.concurrent.locks.LockSupport.parkNanos(LockSupport.java:252)",
            "java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject.awaitNanos("
                    + "AbstractQueuedSynchronizer.java:1679)",
            "java.util.concurrent.LinkedBlockingQueue.poll(LinkedBlockingQueue.java:460)",
            "org.apache.tomcat.util.threads.TaskQueue.poll(TaskQueue.java:91)",
            "org.apache.tomcat.util.threads.TaskQueue.poll(TaskQueue.java:32)",
            "org.apache.tomcat.util.threads.ThreadPoolExecutor.getTask(ThreadPoolExecutor.java:886)",
            "org.apache.tomcat.util.threads.ThreadPoolExecutor.runWorker(ThreadPoolExecutor.java:933)",
            "org.apache.tomcat.util.threads.ThreadPoolExecutor$Worker.run(ThreadPoolExecutor.java:480)",
            "org.apache.tomcat.util.threads.TaskThread$WrappingRunnable.run(TaskThread.java:57)",
            "java.lang.Thread.run(Thread.java:840)");

    private static final List<String> JETTY_IDLE = List.of(
            "jdk.internal.misc.Unsafe.park(Native Method)",
            "java.util.concurrent.locks.LockSupport.parkNanos(LockSupport.java:252)",
            "java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject.awaitNanos("
                    + "AbstractQueuedSynchronizer.java:1679)",
            "org.eclipse.jetty.util.thread.AutoLock$WithCondition.awaitNanos(AutoLock.java:194)",
            "org.eclipse.jetty.util.BlockingArrayQueue.poll(BlockingArrayQueue.java:273)",
            "org.eclipse.jetty.util.thread.QueuedThreadPool$Runner.idleJobPoll(QueuedThreadPool.java:1169)",
            "org.eclipse.jetty.util.thread.QueuedThreadPool$Runner.run(QueuedThreadPool.java:1186)",
            "java.lang.Thread.run(Thread.java:840)");

    @Test
    void idleWorkersOfServerPoolsAreIdleThoughTheAgentSeesThemAsPlainThreads() {
        assertThat(ThreadDumps.isIdle("TIMED_WAITING", TOMCAT_IDLE, false)).isTrue();
        assertThat(ThreadDumps.isIdle("TIMED_WAITING", JETTY_IDLE, false)).isTrue();
        assertThat(ThreadDumps.isIdle("RUNNABLE", TOMCAT_IDLE, false)).isFalse();
    }

    @Test
    void aServerWorkerBusyInTheApplicationIsNotIdle() {
        List<String> busy = List.of(
                "jdk.internal.misc.Unsafe.park(Native Method)",
                "java.util.concurrent.locks.LockSupport.park(LockSupport.java:341)",
                "java.util.concurrent.LinkedBlockingQueue.take(LinkedBlockingQueue.java:435)",
                "com.acme.Orders.awaitPayment(Orders.java:40)",
                "com.acme.OrderServlet.doPost(OrderServlet.java:22)",
                "org.apache.tomcat.util.threads.ThreadPoolExecutor.runWorker(ThreadPoolExecutor.java:933)",
                "org.apache.tomcat.util.threads.ThreadPoolExecutor$Worker.run(ThreadPoolExecutor.java:480)",
                "java.lang.Thread.run(Thread.java:840)");
        assertThat(ThreadDumps.isIdle("WAITING", busy, false)).isFalse();
        assertThat(ThreadDumps.isIdle("WAITING", busy, true)).isFalse();
    }

    @Test
    void aJdkPoolWorkerIsIdleInGetTaskAlsoBehindItsOwnQueueButAPlainThreadThereIsNot() {
        List<String> customQueue = List.of(
                "jdk.internal.misc.Unsafe.park(Native Method)",
                "java.util.concurrent.locks.LockSupport.park(LockSupport.java:341)",
                "java.util.concurrent.LinkedBlockingQueue.take(LinkedBlockingQueue.java:435)",
                "com.acme.PriorityTaskQueue.take(PriorityTaskQueue.java:18)",
                "java.util.concurrent.ThreadPoolExecutor.getTask(ThreadPoolExecutor.java:1070)",
                "java.util.concurrent.ThreadPoolExecutor.runWorker(ThreadPoolExecutor.java:1130)",
                "java.util.concurrent.ThreadPoolExecutor$Worker.run(ThreadPoolExecutor.java:630)",
                "java.lang.Thread.run(Thread.java:840)");
        assertThat(ThreadDumps.isIdle("WAITING", customQueue, true)).isTrue();
        assertThat(ThreadDumps.isIdle("WAITING", customQueue, false)).isFalse();
    }

    @Test
    void aThreadLeftWaitingOnAQueueByTheApplicationIsNotIdle() {
        List<String> listener = List.of(
                "jdk.internal.misc.Unsafe.park(Native Method)",
                "java.util.concurrent.locks.LockSupport.park(LockSupport.java:341)",
                "java.util.concurrent.LinkedBlockingQueue.take(LinkedBlockingQueue.java:435)",
                "com.acme.EventService.listen(EventService.java:38)",
                "java.lang.Thread.run(Thread.java:840)");
        assertThat(ThreadDumps.isIdle("WAITING", listener, false)).isFalse();
        assertThat(ThreadDumps.isIdle("WAITING", listener, true)).isFalse();
    }
}
