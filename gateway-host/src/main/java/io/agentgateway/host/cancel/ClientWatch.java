package io.agentgateway.host.cancel;

/**
 * Tells a request's handler when its client closes the connection while the handler is blocked (waiting on an
 * upstream, before anything was written). Helidon 4.5 gives a blocked handler no such signal: the server's connection
 * layer watches the socket and offers that watch here, on the thread that runs the connection and its handlers.
 * Where no connection layer offers one (tests that route without a socket), watching does nothing.
 */
public final class ClientWatch {

    /** One watch; closing it ends it. */
    public interface Watch extends AutoCloseable {
        @Override
        void close();
    }

    /** Watches the current connection. */
    @FunctionalInterface
    public interface Watcher {
        /**
         * @param clientGone run once if the client closes the connection while watched
         * @return ends the watch
         */
        Watch watch(Runnable clientGone);
    }

    private static final ThreadLocal<Watcher> CURRENT = new ThreadLocal<>();
    private static final Watch NOTHING = () -> { };

    private ClientWatch() {
    }

    /** Offers {@code watcher} to the handlers run on this thread, until {@link #end()}. */
    public static void offer(Watcher watcher) {
        CURRENT.set(watcher);
    }

    public static void end() {
        CURRENT.remove();
    }

    /**
     * Watches the client of the request this thread serves; call it once the request's body has been read.
     *
     * @return ends the watch (it never fires after)
     */
    public static Watch watch(Runnable clientGone) {
        Watcher watcher = CURRENT.get();
        if (watcher == null) {
            return NOTHING;
        }
        return watcher.watch(clientGone);
    }
}
