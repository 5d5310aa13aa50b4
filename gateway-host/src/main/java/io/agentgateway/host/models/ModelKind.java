package io.agentgateway.host.models;

import java.util.Locale;

/** What answers a model id: the {@code metadata.kind} {@code /v1/models} shows. */
public enum ModelKind {
    /** A model of an upstream, passed through. */
    UPSTREAM,
    /** An agent, run by the gateway. */
    AGENT,
    /** A model group of upstreams.yaml: several upstream targets behind one id, with failover. */
    GROUP;

    /** @return the lower-case name shown in responses */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
