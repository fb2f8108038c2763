package com.acme;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class ArgLineTest {

    @Test
    void theForkStartsWithTheUsersArgumentsAndNoAgent() {
        assertEquals("kept", System.getProperty("com.acme.marker"));
        assertFalse(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .anyMatch(argument -> argument.startsWith("-javaagent:")));
    }
}
