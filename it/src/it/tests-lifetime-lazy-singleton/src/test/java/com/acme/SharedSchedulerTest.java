package com.acme;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SharedSchedulerTest {

    @Test
    @Order(1)
    void asksForTheSchedulerFirst() throws Exception {
        assertEquals("one", Delays.scheduler().schedule(() -> "one", 1, TimeUnit.MILLISECONDS).get());
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
