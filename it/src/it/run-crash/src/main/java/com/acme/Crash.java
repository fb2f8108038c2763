package com.acme;

public class Crash {
    public static void main(String[] args) {
        System.out.println("starting up");
        throw new IllegalStateException("boom: configuration file missing");
    }
}
