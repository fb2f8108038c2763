package com.acme;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/** Only forwards take() to its callers: they are reported, not it. */
public class Mailbox {
    private final BlockingQueue<String> messages = new ArrayBlockingQueue<>(16);

    public String next() throws InterruptedException {
        return messages.take();
    }
}
