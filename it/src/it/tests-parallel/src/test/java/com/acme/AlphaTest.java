package com.acme;

import org.junit.jupiter.api.Test;

class AlphaTest {

    @Test
    void first() throws Exception {
        Together.leak("alpha-first");
    }

    @Test
    void second() throws Exception {
        Together.leak("alpha-second");
    }

    @Test
    void throughAPool() throws Exception {
        Together.leakThroughAPool("alpha-pool");
    }

    @Test
    void clean() throws Exception {
        Together.clean();
    }
}
