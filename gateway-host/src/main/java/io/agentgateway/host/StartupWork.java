package io.agentgateway.host;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * One piece of start-up work that needs nothing else being set up, run on a thread of its own so that a machine with
 * more than one core does it alongside the rest. A platform thread, not a virtual one: this work is CPU-bound
 * (class loading, static initialisers) and, where the JVM has a single CPU, a virtual thread that never blocks would
 * keep the only carrier from everything else.
 *
 * @param <T> what the work produces
 */
final class StartupWork<T> {

    private final FutureTask<T> task;

    private StartupWork(FutureTask<T> task) {
        this.task = task;
    }

    static <T> StartupWork<T> begin(String name, Callable<T> work) {
        FutureTask<T> task = new FutureTask<>(work);
        Thread.ofPlatform().name("startup-" + name).daemon(true).start(task);
        return new StartupWork<>(task);
    }

    /** Waits for the work; its exception is rethrown as it was thrown, so start-up fails as it would have inline. */
    T join() {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return task.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
