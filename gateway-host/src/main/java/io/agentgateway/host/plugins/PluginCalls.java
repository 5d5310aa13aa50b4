package io.agentgateway.host.plugins;

import static java.util.Objects.requireNonNull;

import io.agentgateway.host.openai.GatewayException;

/**
 * Runs code that calls into a plugin with the thread's context class loader set to the plugin's, as libraries inside
 * plugins (Jackson modules, ServiceLoader users, JAXB, ...) look their classes up through it.
 *
 * <p>{@link #serve} is for calls made while serving a request: whatever the plugin throws beyond what its interface
 * declares, {@code Error}s included, is recorded against the plugin ({@link PluginErrors}) and leaves as a
 * {@link GatewayException} 502 {@code plugin_error} naming the plugin, so the client gets an OpenAI error body.
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

    /**
     * Calls into a plugin on a request's path. Checked exceptions (those the plugin's interface declares) and
     * {@link GatewayException}s (the host's own, thrown by host code the plugin called back) pass unchanged; any
     * other {@code Throwable} is recorded against the plugin and becomes a 502 {@code plugin_error}. Code whose
     * class loader is not a plugin's (the host's own tools, for instance) runs unchanged.
     *
     * @param loader the class loader of the plugin code being called
     * @param where what the host asks of the plugin, for the log and {@code GET /plugins} ("stream", "tool x")
     */
    public static <T, E extends Exception> T serve(ClassLoader loader, String where, PluginCall<T, E> call) throws E {
        if (!(loader instanceof PluginClassLoader plugin)) {
            return loader == null ? call.call() : call(loader, call);
        }
        Runnable leave = entered(plugin);
        try {
            return call(loader, call);
        } catch (HostFailure e) {
            throw PluginCalls.<RuntimeException>sneaky(e.getCause());
        } catch (GatewayException e) {
            throw e;
        } catch (RuntimeException | Error e) {
            throw contained(plugin.pluginId(), where, e);
        } finally {
            leave.run();
        }
    }

    /**
     * Holds the plugin version {@code loader} loaded for the rest of the current request, as the request's first call
     * into it would, without calling it; outside a request it only checks the version. A caller that holds first may
     * still pick another version when this one was unloaded, since none of its code has run. Code whose class loader
     * is not a plugin's needs no hold.
     *
     * @throws GatewayException 503 {@code plugin_unavailable} when the version was unloaded (replaced or removed)
     */
    public static void hold(ClassLoader loader) {
        if (loader instanceof PluginClassLoader plugin) {
            entered(plugin).run();
        }
    }

    /** @return what to run when the call ends ({@link PluginLeases#enter}); throws when the version was unloaded */
    private static Runnable entered(PluginClassLoader plugin) {
        Runnable leave = PluginLeases.enter(plugin.pluginId(), plugin.inFlight());
        if (leave == null) {
            throw unloaded(plugin.pluginId());
        }
        return leave;
    }

    /**
     * Calls into a plugin to set something up (open an upstream): a {@code RuntimeException} is the plugin refusing
     * what it was given and passes unchanged, with its message; an {@code Error} is recorded and becomes a
     * {@code plugin_error} as in {@link #serve}, so it stops no more than the one thing being set up.
     */
    public static <T> T setUp(ClassLoader loader, String where, PluginCall<T, RuntimeException> call) {
        try {
            return call(loader, call);
        } catch (Error e) {
            if (loader instanceof PluginClassLoader plugin) {
                throw contained(plugin.pluginId(), where, e);
            }
            throw e;
        }
    }

    /** Like {@link #serve(ClassLoader, String, PluginCall)}, for code that returns nothing. */
    public static <E extends Exception> void serveRun(ClassLoader loader, String where, PluginAction<E> action)
            throws E {
        serve(loader, where, () -> {
            action.run();
            return null;
        });
    }

    /**
     * Runs host code that a plugin calls back (a stream's sink, for instance): what it throws reaches
     * {@link #serve} as the host's failure, not as the plugin's, whatever the plugin code in between does with it.
     */
    static <T> T hostCallback(java.util.function.Supplier<T> callback) {
        try {
            return callback.get();
        } catch (RuntimeException | Error e) {
            throw new HostFailure(e);
        }
    }

    /** @return the failure the client gets for {@code error} out of plugin {@code pluginId}, after recording it */
    static GatewayException contained(String pluginId, String where, Throwable error) {
        PluginErrors.record(pluginId, where, error);
        // The class name tells the operator where to look; the message stays in the log (it may hold anything).
        return new GatewayException(502, "api_error", "plugin_error", null, "The plugin '" + pluginId
                + "' failed (" + error.getClass().getSimpleName() + "); the gateway logged the cause and keeps"
                + " serving. GET /plugins shows the plugin's last error.");
    }

    /** The code of {@link #unloaded}: no plugin code ran, so the caller may pick the current version and retry. */
    static final String UNLOADED = "plugin_unavailable";

    /** @return the failure of a call that reached a plugin version unloaded (replaced or removed) since it was picked */
    static GatewayException unloaded(String pluginId) {
        return new GatewayException(503, "api_error", UNLOADED, null, "The plugin '" + pluginId + "' was unloaded"
                + " (replaced or removed) while the request was being routed to it; send the request again.");
    }

    @SuppressWarnings("unchecked")
    private static <X extends Throwable> X sneaky(Throwable error) throws X {
        throw (X) error;
    }

    /** Wraps what host code called back by a plugin threw, so the plugin is not blamed for it. */
    private static final class HostFailure extends RuntimeException {
        HostFailure(Throwable cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }
}
