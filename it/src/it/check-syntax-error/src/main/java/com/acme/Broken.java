package com.acme;

public class Broken {
    void unfinished( {
        new Thread(() -> {}).start();
    }
}
