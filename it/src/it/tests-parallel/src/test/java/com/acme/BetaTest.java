package com.acme;

import org.junit.jupiter.api.Test;

class BetaTest {

    @Test
    void first() throws Exception {
        Together.leak("beta-first");
    }

    @Test
    void second() throws Exception {
        Together.leak("beta-second");
    }

    @Test
    void throughAPool() throws Exception {
        Together.leakThroughAPool("beta-pool");
    }

    @Test
    void clean() throws Exception {
        Together.clean();
    }
}
