package com.acme;

import java.util.Timer;
import java.util.TimerTask;

/** A library's one shared timer, as many libraries keep one: made when the class is first used, never cancelled. */
public final class Clock {

    private static final Timer TIMER = new Timer("acme-clock", true);

    private Clock() {
    }

    public static void later(Runnable task, long delayMillis) {
        TIMER.schedule(new TimerTask() {
            @Override
            public void run() {
                task.run();
            }
        }, delayMillis);
    }
}
