package io.agentgateway.httpclient;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Interrupts calls that outlive their deadline: a whole-call timeout, or a stream's longest duration. One daemon thread
 * looks at the calls with a deadline every {@link #TICK}; registering and ending a call costs one concurrent set
 * update, with no lock shared by all calls and no timer task per call. An interrupted blocking read on a virtual thread
 * closes its socket, so the call ends at once, and its connection is never reused. A platform thread's read is not
 * interruptible: its reads are bounded by the read timeout, and the body checks {@link Watch#expired()} before each.
 */
final class CallDeadlines {

    static final Duration TICK = Duration.ofMillis(20);

    private final Set<Watch> watched = ConcurrentHashMap.newKeySet();
    private volatile Thread watcher;

    /** A call being watched; {@link #end()} it whatever way the call ends. */
    final class Watch {

        private final Thread caller;
        private final long deadlineNanos;
        private boolean ended;
        private volatile boolean expired;

        private Watch(Thread caller, long deadlineNanos) {
            this.caller = caller;
            this.deadlineNanos = deadlineNanos;
        }

        /** @return whether the deadline passed (and the caller was interrupted for it) */
        boolean expired() {
            return expired;
        }

        /** Stops watching; clears an interrupt that this watch caused, so it does not leak into later work. */
        void end() {
            watched.remove(this);
            boolean clear;
            synchronized (this) {
                ended = true;
                clear = expired && Thread.currentThread() == caller;
            }
            if (clear) {
                Thread.interrupted();
            }
        }

        private synchronized void expireIfDue(long now) {
            if (!ended && !expired && now - deadlineNanos >= 0) {
                expired = true;
                caller.interrupt();
            }
        }
    }

    /** Watches a call made by the current thread, which is interrupted once {@code limit} has passed. */
    Watch watch(Duration limit) {
        Watch watch = new Watch(Thread.currentThread(), System.nanoTime() + limit.toNanos());
        watched.add(watch);
        startWatcher();
        return watch;
    }

    private void startWatcher() {
        if (watcher == null) {
            synchronized (this) {
                if (watcher == null) {
                    watcher = Thread.ofPlatform().daemon().name("http-client-deadlines").start(this::watchForever);
                }
            }
        }
    }

    private void watchForever() {
        while (true) {
            try {
                Thread.sleep(TICK);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            for (Watch watch : watched) {
                watch.expireIfDue(now);
            }
        }
    }
}
