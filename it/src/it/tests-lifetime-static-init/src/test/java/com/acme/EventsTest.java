package com.acme;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventsTest {

    @Test
    void publishesTwoEvents() throws Exception {
        assertEquals("delivered one", Events.publish("one").get());
        assertEquals("delivered two", Events.publish("two").get());
    }

    @Test
    void usesTheSharedClockToo() throws Exception {
        CountDownLatch ran = new CountDownLatch(1);
        Clock.later(ran::countDown, 1);
        assertTrue(ran.await(30, TimeUnit.SECONDS));
    }
}
