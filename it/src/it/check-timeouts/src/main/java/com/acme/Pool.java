package com.acme;

/** Not a java.util.concurrent type: its take() and join() are not blocking calls. */
public class Pool {
    public Object take() {
        return null;
    }

    public void join() {
    }
}
