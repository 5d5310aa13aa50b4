package io.agentgateway.host.plugins;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Runs one piece of work per item, all at once, each on a virtual thread of its own, and gives the results back in
 * the order of the items. Loading a plugin is mostly reading, hashing and copying files and defining classes: a slow
 * or failing plugin then takes its own time, not the others'. What comes after (registering what the plugins
 * contribute) stays in the items' order.
 */
final class InParallel {

    private InParallel() {
    }

    /**
     * @param work must not throw: it turns its own failures into a result
     * @return {@code work}'s result for each item, in the items' order
     */
    static <T, R> List<R> each(List<T> items, Function<T, R> work) {
        if (items.size() < 2) {
            return items.stream().map(work).toList();
        }
        List<Future<R>> futures = new ArrayList<>(items.size());
        try (ExecutorService threads = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("plugin-load-", 0).factory())) {
            for (T item : items) {
                futures.add(threads.submit(() -> work.apply(item)));
            }
        } // waits for every one
        List<R> results = new ArrayList<>(items.size());
        for (Future<R> future : futures) {
            try {
                results.add(future.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while plugins loaded", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw new IllegalStateException(e.getCause());
            }
        }
        return results;
    }
}
