package com.acme;

/** Mentions none of the APIs the rules check: never parsed. */
public class Plain {
    private final java.util.List<String> names = new java.util.ArrayList<>();

    public int count() {
        return names.size();
    }
}
