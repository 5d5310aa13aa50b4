package io.agentgateway.api;

/**
 * Tells a plugin that the work it is doing is no longer wanted, typically because the client disconnected. Blocking
 * calls should register a callback that aborts them (for instance, closing an HTTP response), and long loops should
 * check {@link #isCancelled()}.
 */
public interface Cancellation {

    /** A cancellation that never fires, for calls made outside a client request. */
    Cancellation NONE = new Cancellation() {
        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public void onCancel(Runnable action) {
        }
    };

    /** @return true once the work has been cancelled */
    boolean isCancelled();

    /**
     * Runs {@code action} when the work is cancelled, at once if it already is.
     *
     * @param action what aborts the work; must not block
     */
    void onCancel(Runnable action);
}
