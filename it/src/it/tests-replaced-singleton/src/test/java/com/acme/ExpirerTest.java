package com.acme;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import static org.junit.jupiter.api.Assertions.assertEquals;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExpirerTest {

    @Test
    @Order(1)
    void makesTheFirst() throws Exception {
        assertEquals("first", new Expirer().later(1, () -> "first")); // FIRST_LINE
    }

    @Test
    @Order(2)
    void replacesIt() throws Exception {
        Expirer.EXPIRER = null; // the bug: the old expirer is not shut down
        assertEquals("second", new Expirer().later(1, () -> "second")); // REPLACE_LINE
    }

    @Test
    @Order(3)
    void justUsesIt() throws Exception {
        assertEquals("third", new Expirer().later(1, () -> "third"));
    }
}
