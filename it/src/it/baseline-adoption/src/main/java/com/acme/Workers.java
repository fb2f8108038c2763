package com.acme;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

public class Workers {

    public void perBatch(List<List<Runnable>> batches, List<ExecutorService> pools) {
        for (List<Runnable> batch : batches) {
            ExecutorService batchPool = Executors.newFixedThreadPool(2);
            batch.forEach(batchPool::execute);
            pools.add(batchPool);
        }
    }
}
