package io.agentgateway.host.models;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * One routable model, as {@code /v1/models} lists it.
 *
 * @param id the qualified id clients send: {@code <upstream>/<model>} or {@code <namespace>/<agent>}
 * @param ownedBy the upstream name, or the plugin id (or {@code agents.yaml}) that contributed an agent
 * @param kind what answers it
 * @param description shown to clients; empty for upstream models
 * @param metadata free-form, shown to clients
 * @param handler what answers requests for this id
 */
public record ModelEntry(
        String id, String ownedBy, ModelKind kind, String description, Map<String, Object> metadata,
        ModelHandler handler) {

    public ModelEntry {
        requireNonNull(id, "id is null");
        requireNonNull(ownedBy, "ownedBy is null");
        requireNonNull(kind, "kind is null");
        description = description == null ? "" : description;
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        requireNonNull(handler, "handler is null");
    }
}
