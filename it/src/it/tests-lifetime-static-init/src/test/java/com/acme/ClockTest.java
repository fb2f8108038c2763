package com.acme;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClockTest {

    @Test
    void runsATaskLater() throws Exception {
        CountDownLatch ran = new CountDownLatch(1);
        Clock.later(ran::countDown, 1);
        assertTrue(ran.await(30, TimeUnit.SECONDS));
    }

    @Test
    void publishesAnEvent() throws Exception {
        assertEquals("delivered started", Events.publish("started").get());
    }
}
