package io.agentgateway.host.tools;

import io.agentgateway.api.Cancellation;
import java.util.ArrayList;
import java.util.List;

/** A cancellation the invoker fires itself, on timeout or when the caller's own cancellation fires. */
final class CallCancellation implements Cancellation {

    private final List<Runnable> actions = new ArrayList<>();
    private boolean cancelled;

    @Override
    public synchronized boolean isCancelled() {
        return cancelled;
    }

    @Override
    public void onCancel(Runnable action) {
        synchronized (this) {
            if (!cancelled) {
                actions.add(action);
                return;
            }
        }
        action.run();
    }

    void fire() {
        List<Runnable> toRun;
        synchronized (this) {
            if (cancelled) {
                return;
            }
            cancelled = true;
            toRun = List.copyOf(actions);
            actions.clear();
        }
        toRun.forEach(CallCancellation::runQuietly);
    }

    private static void runQuietly(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            // a failing abort hook must not stop the others
        }
    }
}
