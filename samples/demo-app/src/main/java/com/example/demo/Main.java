package com.example.demo;

import java.util.ArrayList;
import java.util.List;

/**
 * A batch run of the demo service: warms the report cache for every customer, then exports. Run it under
 * threadguard with {@code ./mvnw -f samples/demo-app compile threadguard:run}: a thread per customer feeding a
 * cached pool breaches the thread budget, and the pool, never shut down, keeps the JVM alive after main returns.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        List<String> customers = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            customers.add("customer-" + i);
        }
        ReportServer server = new ReportServer();
        server.warmUp(customers);
        Thread.sleep(500);
        server.export(List.of(customers.subList(0, 10), customers.subList(10, 20)));
        System.out.println("warmed up " + customers.size() + " customers");
    }
}
