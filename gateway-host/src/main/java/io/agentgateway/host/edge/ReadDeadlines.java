package io.agentgateway.host.edge;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * One timer thread for every connection's read deadline. Helidon 4.5 sets no socket timeout on the connections it
 * accepts, so a read waits as long as the client likes; a deadline that passes closes the socket, which ends the
 * blocked read at once, whatever kind of thread it is on. The same timer starts the client watches of handlers that
 * wait longer than {@link DeadlineReader#WATCH_AFTER}.
 */
final class ReadDeadlines {

    private static final ScheduledThreadPoolExecutor TIMER = timer();

    private ReadDeadlines() {
    }

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "gateway-read-deadlines");
            thread.setDaemon(true);
            return thread;
        });
        // A read that ends in time cancels its deadline: drop it from the queue then, not when it would have fired.
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    /** Runs {@code onExpiry} after {@code wait} unless the returned future is cancelled first. */
    static ScheduledFuture<?> arm(Duration wait, Runnable onExpiry) {
        return TIMER.schedule(onExpiry, Math.max(0, wait.toNanos()), TimeUnit.NANOSECONDS);
    }
}
