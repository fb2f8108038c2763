package com.acme;

/** Accepts sessions into the default recycler, which every acceptor shares, unless it is given one of its own. */
public final class Acceptor {

    private static final Recycler DEFAULT_RECYCLER = new Recycler("default-expirer");

    private Recycler recycler = DEFAULT_RECYCLER;

    public void setRecycler(Recycler recycler) {
        this.recycler = recycler;
    }

    public Recycler recycler() {
        return recycler;
    }

    public void receive(String session) {
        recycler.put(session);
    }
}
