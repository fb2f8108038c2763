package com.acme;

import java.util.concurrent.CountDownLatch;

public class Hang {
    public static void main(String[] args) throws Exception {
        CountDownLatch neverCounted = new CountDownLatch(1);
        System.out.println("waiting for a signal that never comes");
        neverCounted.await();
    }
}
