package com.acme;

import com.acme.support.EmbeddedServer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class GammaTest {

    @Test
    void talksToTheServer() {
        EmbeddedServer.ensureStarted();
    }

    @Test
    void needsNoServer() {
        assertEquals(4, 2 + 2);
    }
}
