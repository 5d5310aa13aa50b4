package io.agentgateway.host.cancel;

import io.agentgateway.api.Cancellation;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The gateway's one cancellation: of a client's request, of an agent run inside it, of one tool call inside that. It
 * fires once, for the first reason given; every action registered runs once, even one registered after it fired, and
 * an action that throws keeps none of the others from running.
 */
public final class CancellationSource implements Cancellation {

    /** Why something stopped early. */
    public enum Reason {
        /** The client went away. */
        CLIENT_GONE,
        /** A deadline passed: a run's or a tool call's timeout. */
        TIMEOUT,
        /** The caller stopped waiting for it (its own thread was interrupted). */
        ABANDONED,
        /** The gateway is shutting down and the drain's grace is over. */
        SHUTTING_DOWN
    }

    private final AtomicReference<Reason> reason = new AtomicReference<>();
    private final List<Runnable> actions = new CopyOnWriteArrayList<>();

    /**
     * @return a cancellation that also fires when {@code parent} does, for the parent's reason when it is a
     *     {@link CancellationSource}, else as {@link Reason#CLIENT_GONE}
     */
    public static CancellationSource under(Cancellation parent) {
        CancellationSource child = new CancellationSource();
        parent.onCancel(() -> child.cancel(parent instanceof CancellationSource source && source.reason() != null
                ? source.reason() : Reason.CLIENT_GONE));
        return child;
    }

    /** Fires, unless it already did; the first reason is the one kept. */
    public void cancel(Reason why) {
        if (reason.compareAndSet(null, why)) {
            for (Runnable action : actions) {
                if (actions.remove(action)) {
                    runQuietly(action);
                }
            }
        }
    }

    /** @return why it fired, or null while it has not */
    public Reason reason() {
        return reason.get();
    }

    @Override
    public boolean isCancelled() {
        return reason.get() != null;
    }

    @Override
    public void onCancel(Runnable action) {
        actions.add(action);
        if (isCancelled() && actions.remove(action)) {
            runQuietly(action);
        }
    }

    /**
     * Registers an action that matters only while one step runs, such as stopping a turn's tool calls. Closing the
     * registration forgets the action, so a long run does not keep one action per step it has finished.
     */
    public Registration onCancelWhileOpen(Runnable action) {
        onCancel(action);
        return () -> actions.remove(action);
    }

    /** An action registered for one step; closing it unregisters the action. */
    @FunctionalInterface
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    private static void runQuietly(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            // One failing abort action must not keep the others from running.
        }
    }
}
