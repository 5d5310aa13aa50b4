package io.agentgateway.host.plugins;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * One piece of work begun on a thread of its own, so that it runs alongside whatever the caller does next, and joined
 * when its result is needed. The start-up's independent pieces and the plugins' loading both run this way; it lives
 * here, below the gateway's wiring, so that both can use it.
 *
 * @param <T> what the work produces
 */
public final class BackgroundWork<T> {

    private final FutureTask<T> task;

    private BackgroundWork(FutureTask<T> task) {
        this.task = task;
    }

    /**
     * For CPU-bound work (class loading, static initialisers): a platform thread, since where the JVM has a single
     * CPU a virtual thread that never blocks would keep the only carrier from everything else.
     */
    public static <T> BackgroundWork<T> onPlatformThread(String name, Callable<T> work) {
        FutureTask<T> task = new FutureTask<>(work);
        Thread.ofPlatform().name(name).daemon(true).start(task);
        return new BackgroundWork<>(task);
    }

    /** For work that mostly waits on files or the network: a virtual thread. */
    public static <T> BackgroundWork<T> onVirtualThread(String name, Callable<T> work) {
        FutureTask<T> task = new FutureTask<>(work);
        Thread.ofVirtual().name(name).start(task);
        return new BackgroundWork<>(task);
    }

    /**
     * Waits for the work, through interrupts (the interrupt is kept for the caller); its exception is rethrown as it
     * was thrown, so the caller fails as it would have with the work done inline.
     */
    public T join() {
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
