package com.acme;

public class Chatty {
    public static void main(String[] args) {
        for (int i = 1; i <= 20_000; i++) {
            System.out.println("out-" + i + " caf\u00e9 \u2713");
            if (i % 4 == 0) {
                System.err.println("err-" + (i / 4));
            }
        }
        System.out.println("out-last");
    }
}
