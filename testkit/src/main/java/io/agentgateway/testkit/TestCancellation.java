package io.agentgateway.testkit;

import io.agentgateway.api.Cancellation;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link Cancellation} a test fires by hand, as the host does when a client goes away. */
public final class TestCancellation implements Cancellation {

    private final List<Runnable> actions = new CopyOnWriteArrayList<>();
    private volatile boolean cancelled;

    /** @return a cancellation that has already fired */
    public static TestCancellation cancelled() {
        TestCancellation cancellation = new TestCancellation();
        cancellation.cancel();
        return cancellation;
    }

    /** Fires: every registered action runs, on this thread, and later registrations run at once. */
    public void cancel() {
        cancelled = true;
        actions.forEach(Runnable::run);
    }

    @Override
    public boolean isCancelled() {
        return cancelled;
    }

    @Override
    public void onCancel(Runnable action) {
        actions.add(action);
        if (cancelled) {
            action.run();
        }
    }
}
