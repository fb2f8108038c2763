package com.acme;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ReloadTest {

    @Test
    void reloadMakesASecondScheduler() throws Exception {
        assertEquals("before", Delays.after(1, () -> "before"));
        Delays.reload();
        assertEquals("after", Delays.after(1, () -> "after"));
    }
}
