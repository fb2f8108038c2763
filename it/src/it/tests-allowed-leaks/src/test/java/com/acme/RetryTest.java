package com.acme;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import static org.junit.jupiter.api.Assertions.assertEquals;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RetryTest {

    @Test
    @Order(1)
    void retriesOnce() throws Exception {
        assertEquals("first", Retry.withDelay(1, () -> "first"));
    }

    @Test
    @Order(2)
    void retriesAgain() throws Exception {
        assertEquals("second", Retry.withDelay(1, () -> "second"));
    }
}
