package io.agentgateway.plugins.openai;

import io.agentgateway.api.Cancellation;

/**
 * Aborts one blocking upstream call when the client goes away. The host's client aborts a call when its thread is
 * interrupted: on a virtual thread that closes the socket at once, whether the
 * call still waits for the first byte or reads the stream. The interrupt only ever lands while the call is in flight.
 */
final class InFlightCall implements Runnable {

    private final Thread caller = Thread.currentThread();
    private boolean finished;
    private boolean cancelled;

    private InFlightCall() {
    }

    /** Starts tracking a call made by the current thread. */
    static InFlightCall start(Cancellation cancellation) {
        InFlightCall call = new InFlightCall();
        cancellation.onCancel(call);
        return call;
    }

    /** The cancellation callback. */
    @Override
    public synchronized void run() {
        if (!finished && !cancelled) {
            cancelled = true;
            caller.interrupt();
        }
    }

    synchronized boolean cancelled() {
        return cancelled;
    }

    /** Ends tracking; clears an interrupt this call caused so that it does not leak into the caller's later work. */
    void finish() {
        boolean clear;
        synchronized (this) {
            finished = true;
            clear = cancelled;
        }
        if (clear) {
            Thread.interrupted();
        }
    }
}
