package io.agentgateway.host.upstreams;

import io.agentgateway.api.Cancellation;

/** Cancellations for tests of the upstream wrappers. */
final class Cancellations {

    private Cancellations() {
    }

    /** A client that has already gone: cancelled, and any action registered runs at once. */
    static Cancellation alreadyCancelled() {
        return new Cancellation() {
            @Override
            public boolean isCancelled() {
                return true;
            }

            @Override
            public void onCancel(Runnable action) {
                action.run();
            }
        };
    }
}
