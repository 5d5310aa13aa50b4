package io.agentgateway.host.upstreams;

import io.agentgateway.host.config.UpstreamEntry;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the gateway knows of one configured upstream.
 *
 * @param entry its config
 * @param healthy whether it opened and, once asked, listed its models
 * @param lastError why not, or null
 * @param lastChecked when its model list was last asked for, or null
 */
public record UpstreamStatus(UpstreamEntry entry, boolean healthy, String lastError, Instant lastChecked) {

    /** @return the admin view, the fields clients of {@code GET /upstreams} rely on (docs/origins.md); never the key */
    public Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", entry.name());
        out.put("provider", entry.provider());
        out.put("base_url", entry.settings().baseUrl());
        out.put("priority", entry.priority());
        out.put("healthy", healthy);
        out.put("health_path", entry.checks().healthPath());
        out.put("health_timeout", entry.checks().healthTimeout().toMillis() / 1000.0);
        out.put("last_checked", lastChecked == null ? null : lastChecked.toString());
        out.put("last_error", lastError);
        return out;
    }
}
