package io.agentgateway.host.plugins;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps each request on one version of each plugin it uses. A request opens a scope ({@link #open()}); the first call
 * into a plugin's code enters that version's {@link InFlight} for the rest of the request, and later calls (an agent
 * run's next turn, a stream's chunks, a tool call on another thread) go to the same version even when a newer one has
 * replaced it meanwhile. The scope is inherited by threads the request starts (tool calls run on their own virtual
 * threads), which is why it is an {@link InheritableThreadLocal}. Outside a scope (background model listings), each
 * call enters and leaves on its own.
 */
public final class PluginLeases {

    private static final InheritableThreadLocal<Scope> CURRENT = new InheritableThreadLocal<>();

    private PluginLeases() {
    }

    /** One request's versions, by plugin id; closing it lets each version it held drain. */
    public static final class Scope implements AutoCloseable {
        private final Map<String, InFlight> pinned = new LinkedHashMap<>();
        private final List<InFlight> entered = new ArrayList<>();
        private final boolean owner;
        private boolean closed;

        private Scope(boolean owner) {
            this.owner = owner;
        }

        synchronized boolean enter(String pluginId, InFlight version) {
            if (closed) {
                return false;
            }
            if (!entered.contains(version)) {
                if (!version.enter()) {
                    return false;
                }
                entered.add(version);
            }
            pinned.putIfAbsent(pluginId, version);
            return true;
        }

        synchronized Optional<InFlight> pinned(String pluginId) {
            return closed ? Optional.empty() : Optional.ofNullable(pinned.get(pluginId));
        }

        @Override
        public void close() {
            if (!owner) {
                return;
            }
            List<InFlight> held;
            synchronized (this) {
                closed = true;
                held = List.copyOf(entered);
                entered.clear();
                pinned.clear();
            }
            held.forEach(InFlight::exit);
            if (CURRENT.get() == this) {
                CURRENT.remove();
            }
        }
    }

    /** Opens the request's scope; inside one already, returns a scope whose closing leaves the outer one open. */
    public static Scope open() {
        Scope current = CURRENT.get();
        if (current != null && !current.closed) {
            return new Scope(false);
        }
        Scope scope = new Scope(true);
        CURRENT.set(scope);
        return scope;
    }

    /** @return the version of plugin {@code pluginId} the current request already uses, if it uses one */
    static Optional<InFlight> pinned(String pluginId) {
        Scope scope = CURRENT.get();
        return scope == null ? Optional.empty() : scope.pinned(pluginId);
    }

    /**
     * Enters {@code version} for the current request (once per request), or, outside a request, for one call.
     *
     * @return what to run when the call ends, or null when the version is closed (it was unloaded)
     */
    static Runnable enter(String pluginId, InFlight version) {
        Scope scope = CURRENT.get();
        if (scope != null && scope.enter(pluginId, version)) {
            return () -> { };
        }
        if (scope != null && !scope.closed && version.closed()) {
            return null;
        }
        return version.enter() ? version::exit : null;
    }
}
