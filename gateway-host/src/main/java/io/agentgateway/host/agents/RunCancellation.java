package io.agentgateway.host.agents;

import io.agentgateway.api.Cancellation;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/** Cancels one agent run, and every upstream and tool call in it, when the client leaves or the run times out. */
final class RunCancellation implements Cancellation {

    /** Why a run stopped early. */
    enum Reason { CLIENT_GONE, TIMEOUT }

    private final AtomicReference<Reason> reason = new AtomicReference<>();
    private final List<Runnable> actions = new CopyOnWriteArrayList<>();

    /** @return a cancellation that also fires when {@code parent} does (the client's request) */
    static RunCancellation under(Cancellation parent) {
        RunCancellation run = new RunCancellation();
        parent.onCancel(() -> run.cancel(Reason.CLIENT_GONE));
        return run;
    }

    void cancel(Reason why) {
        if (reason.compareAndSet(null, why)) {
            for (Runnable action : actions) {
                if (actions.remove(action)) {
                    runQuietly(action);
                }
            }
        }
    }

    Reason reason() {
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

    private static void runQuietly(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            // A failing abort action must not keep the others from running.
        }
    }
}
