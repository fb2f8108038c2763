package com.acme;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import static org.junit.jupiter.api.Assertions.assertEquals;

// the first use goes through main code (Delays.after): a test that called the getter itself first would be where the
// pool was made, and so its leak (see docs/test-suites.md, "Limits")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SharedSchedulerTest {

    @Test
    @Order(1)
    void firstUseMakesTheScheduler() throws Exception {
        assertEquals("one", Delays.after(1, () -> "one"));
    }

    @Test
    @Order(2)
    void laterUsesShareIt() throws Exception {
        assertEquals("two", Delays.after(1, () -> "two"));
        assertEquals("three", Delays.after(1, () -> "three"));
    }

    @Test
    @Order(3)
    void theSameOneEachTime() {
        assertEquals(Delays.scheduler(), Delays.scheduler());
    }
}
