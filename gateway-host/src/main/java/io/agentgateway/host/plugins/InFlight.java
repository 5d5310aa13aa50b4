package io.agentgateway.host.plugins;

import java.time.Duration;

/**
 * Counts the calls under way in one loaded version of a plugin, so it can be drained: once it is retired, new work
 * goes elsewhere, and it is stopped only when what it was already doing has finished (or a deadline passes). After
 * {@link #close(Duration)} it admits nothing more. Small on purpose: the same counting serves any drain.
 */
public final class InFlight {

    private int count;
    private boolean closed;

    /** @return true when the call may go ahead (then {@link #exit()} must follow), false once closed */
    public synchronized boolean enter() {
        if (closed) {
            return false;
        }
        count++;
        return true;
    }

    /** Ends a call {@link #enter()} admitted. */
    public synchronized void exit() {
        if (--count <= 0) {
            count = 0;
            notifyAll();
        }
    }

    /** @return the calls under way now */
    public synchronized int count() {
        return count;
    }

    /**
     * Admits nothing more, then waits until the calls under way have finished, at most {@code max}.
     *
     * @return true when all finished, false when some were still running at the deadline
     */
    public synchronized boolean close(Duration max) throws InterruptedException {
        closed = true;
        long deadline = System.nanoTime() + max.toNanos();
        while (count > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    /** @return whether {@link #close} was called */
    public synchronized boolean closed() {
        return closed;
    }
}
