package io.agentgateway.host.plugins;

import static java.util.Objects.requireNonNull;

import io.agentgateway.host.observe.EventLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Plugin versions taken out of service (replaced or removed) that are finishing their calls: each drains on a thread
 * of its own, at most {@code drainMax}, and is then stopped and its class loader closed; the caller is then told, so
 * that its private copy can go.
 */
final class DrainingVersions {

    private final Duration drainMax;
    private final Consumer<FoundPlugin> drained;
    private final List<Thread> draining = new ArrayList<>();

    /**
     * @param drainMax how long a version may finish what it is doing before it is unloaded anyway
     * @param drained told when a version has drained, just before it is unloaded
     */
    DrainingVersions(Duration drainMax, Consumer<FoundPlugin> drained) {
        this.drainMax = requireNonNull(drainMax, "drainMax is null");
        this.drained = requireNonNull(drained, "drained is null");
    }

    /**
     * Waits on a thread of its own until {@code plugin}'s calls have finished, then unloads it.
     *
     * @param unloaded run once its class loader is closed, on that thread
     */
    void drainThenUnload(FoundPlugin plugin, PluginFolder folder, Runnable unloaded, String why) {
        InFlight inFlight = LiveProviders.inFlightOf(plugin);
        Thread thread = Thread.ofVirtual().name("plugin-drain-" + plugin.id()).unstarted(() -> {
            boolean finished;
            try {
                finished = inFlight.close(drainMax);
            } catch (InterruptedException e) {
                finished = false;
                Thread.currentThread().interrupt();
            }
            if (!finished) {
                EventLog.warn("agent.dropin.drain_timeout", "plugin_id", plugin.id(), "version", plugin.version(),
                        "still_running", inFlight.count(), "waited_ms", drainMax.toMillis());
            }
            try {
                drained.accept(plugin);
            } catch (RuntimeException e) {
                EventLog.error("agent.dropin.stop_failed", "plugin_id", plugin.id(), "cause", Causes.describe(e));
            }
            folder.close();
            unloaded.run();
            EventLog.info("agent.dropin.unloaded", "plugin_id", plugin.id(), "version", plugin.version(),
                    "reason", why);
            synchronized (draining) {
                draining.remove(Thread.currentThread()); // nothing may keep the unloaded version reachable
            }
        });
        // Registered before it starts: a thread that ended before being added would stay in the set for good.
        synchronized (draining) {
            draining.add(thread);
        }
        thread.start();
    }

    /** Waits until every version handed to {@link #drainThenUnload} has been unloaded, at most {@code max}. */
    void awaitUnloaded(Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        List<Thread> threads;
        synchronized (draining) {
            threads = List.copyOf(draining);
        }
        for (Thread thread : threads) {
            thread.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
        }
    }
}
