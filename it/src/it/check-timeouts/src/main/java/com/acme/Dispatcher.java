package com.acme;

/** Names no waiting type of the JDK: it waits through Mailbox.next(). */
public class Dispatcher {
    private final Mailbox mailbox = new Mailbox();

    public void dispatchOne() throws InterruptedException {
        String message = mailbox.next();
        System.out.println(message);
    }
}
