package com.acme;

/** A message bus of the application's own; its await() blocks until a message arrives. */
public interface Bus {
    void await();

    void await(long millis);
}
