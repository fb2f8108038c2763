package com.acme;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SharedSchedulerTest {

    @Test
    void firstUseMakesTheScheduler() throws Exception {
        assertEquals("one", Delays.after(1, () -> "one"));
    }

    @Test
    void laterUsesShareIt() throws Exception {
        assertEquals("two", Delays.after(1, () -> "two"));
        assertEquals("three", Delays.after(1, () -> "three"));
    }

    @Test
    void theSameOneEachTime() {
        assertEquals(Delays.scheduler(), Delays.scheduler());
    }
}
