package io.agentgateway.host.plugins;

import static java.util.Objects.requireNonNull;

/**
 * Runs code that calls into a plugin with the thread's context class loader set to the plugin's, as libraries inside
 * plugins (Jackson modules, ServiceLoader users, JAXB, ...) look their classes up through it.
 */
public final class PluginCalls {

    private PluginCalls() {
    }

    /** A call into a plugin that may throw a checked exception, such as {@code UpstreamException}. */
    @FunctionalInterface
    public interface PluginCall<T, E extends Exception> {
        T call() throws E;
    }

    /** A call into a plugin that returns nothing. */
    @FunctionalInterface
    public interface PluginAction<E extends Exception> {
        void run() throws E;
    }

    /**
     * @param loader the plugin's class loader
     * @param call the code that calls into the plugin
     * @return what {@code call} returned
     * @throws E what {@code call} threw
     */
    public static <T, E extends Exception> T call(ClassLoader loader, PluginCall<T, E> call) throws E {
        requireNonNull(loader, "loader is null");
        requireNonNull(call, "call is null");
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return call.call();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** Like {@link #call(ClassLoader, PluginCall)}, for code that returns nothing. */
    public static <E extends Exception> void run(ClassLoader loader, PluginAction<E> action) throws E {
        requireNonNull(action, "action is null");
        call(loader, () -> {
            action.run();
            return null;
        });
    }
}
