package com.acme;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import static org.junit.jupiter.api.Assertions.assertEquals;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AcceptorTest {

    @Test
    @Order(1)
    void receivesIntoTheDefaultRecycler() {
        Acceptor acceptor = new Acceptor();
        acceptor.receive("a"); // starts the default recycler's expirer: the library's, for the JVM's life
        assertEquals(1, acceptor.recycler().size());
    }

    @Test
    @Order(2)
    void receivesIntoItsOwnRecycler() {
        Acceptor acceptor = new Acceptor();
        acceptor.setRecycler(new Recycler("own-expirer"));
        acceptor.receive("b"); // the bug: this recycler is never stopped, its expirer leaks
        assertEquals(1, acceptor.recycler().size());
    }

    @Test
    @Order(3)
    void stopsTheRecyclerItMade() throws Exception {
        Recycler recycler = new Recycler("stopped-expirer");
        Acceptor acceptor = new Acceptor();
        acceptor.setRecycler(recycler);
        acceptor.receive("c");
        recycler.stop();
        assertEquals(1, recycler.size());
    }
}
