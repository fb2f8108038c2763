package com.acme;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SquaresTest {

    @Test
    void squaresOnAPool() throws Exception {
        assertEquals(List.of(1, 4, 9), Squares.of(List.of(1, 2, 3)));
    }

    @Test
    void jacocosAgentComesFirst() {
        // the order that let JaCoCo instrument threadguard's classes: its transformer is in place before
        // threadguard's premain loads anything
        List<String> arguments = ManagementFactory.getRuntimeMXBean().getInputArguments();
        int jacoco = indexOf(arguments, "org.jacoco.agent");
        int threadguard = indexOf(arguments, "threadguard-agent");
        assertTrue(jacoco >= 0 && threadguard > jacoco, arguments.toString());
    }

    private static int indexOf(List<String> arguments, String jar) {
        for (int i = 0; i < arguments.size(); i++) {
            if (arguments.get(i).startsWith("-javaagent:") && arguments.get(i).contains(jar)) {
                return i;
            }
        }
        return -1;
    }
}
