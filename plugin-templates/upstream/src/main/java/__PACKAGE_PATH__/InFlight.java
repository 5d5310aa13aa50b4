package __PACKAGE__;

import io.agentgateway.api.Cancellation;

/**
 * While open, a cancellation (the client went away) interrupts the calling thread, which aborts the host HTTP
 * client's call at once, whether it waits for the answer or reads it. Closing it clears an interrupt it caused, so
 * that none reaches the caller's later work.
 */
final class InFlight implements AutoCloseable {

    private final Thread caller = Thread.currentThread();
    private final Cancellation cancellation;
    private boolean open = true; // guarded by this

    InFlight(Cancellation cancellation) {
        this.cancellation = cancellation;
        cancellation.onCancel(this::interrupt);
    }

    private synchronized void interrupt() {
        if (open) {
            caller.interrupt();
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            open = false;
        }
        if (cancellation.isCancelled()) {
            Thread.interrupted();
        }
    }
}
