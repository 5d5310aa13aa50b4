package io.agentgateway.host.cancel;

import io.agentgateway.api.Cancellation;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The cancellation of one client request: fired when the client is found gone. */
public final class CancellationSource implements Cancellation {

    private final List<Runnable> actions = new CopyOnWriteArrayList<>();
    private volatile boolean cancelled;

    @Override
    public boolean isCancelled() {
        return cancelled;
    }

    @Override
    public void onCancel(Runnable action) {
        actions.add(action);
        if (cancelled && actions.remove(action)) {
            action.run();
        }
    }

    /** Marks the request cancelled and runs each registered action once. */
    public void cancel() {
        cancelled = true;
        for (Runnable action : actions) {
            if (actions.remove(action)) {
                action.run();
            }
        }
    }
}
