package io.agentgateway.host.plugins;

import java.util.Locale;

/** Where a plugin found in the plugins folder ended up. Only {@link #STARTED} plugins contribute anything. */
public enum PluginState {
    /** Loaded, its {@code GatewayPlugin} created: ready to be asked for upstreams, agents and tools. */
    STARTED,
    /** Refused by the allow/deny rules before anything of it was loaded. */
    BLOCKED,
    /** Its {@code Plugin-Requires} range does not include this gateway's API version. */
    INCOMPATIBLE,
    /** Another plugin with the same {@code Plugin-Id} was loaded first. */
    DUPLICATE,
    /** Not a readable plugin: corrupt archive, missing or incomplete manifest, unsupported entries. */
    INVALID,
    /** Loaded but could not start: no or several {@code GatewayPlugin} services, or its constructor threw. */
    FAILED;

    /** @return the lower-case name used as the {@code kind} label of the failure metric and in logs */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
