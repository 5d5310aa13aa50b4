package io.agentgateway.host.security;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * One API key from security.yaml. Only the SHA-256 of the secret is kept in memory.
 *
 * @param id the key's public name, used in logs and metrics
 * @param secretSha256 SHA-256 of the secret
 * @param allowAgents globs over model ids this key may use ({@code *} for all)
 * @param ratePerMinute requests a minute, or 0 for no limit
 * @param expiresAt when the key stops working, or null
 * @param admin whether the key may use the admin routes
 */
public record ApiKey(
        String id, byte[] secretSha256, List<Glob> allowAgents, int ratePerMinute, Instant expiresAt, boolean admin) {

    /**
     * The identity of requests without a key when security.yaml says {@code auth: none}: every model, no admin
     * route.
     */
    public static final ApiKey OPEN = new ApiKey("anonymous", new byte[32], List.of(Glob.of("*")), 0, null, false);

    public ApiKey {
        requireNonNull(id, "id is null");
        requireNonNull(secretSha256, "secretSha256 is null");
        allowAgents = List.copyOf(allowAgents);
    }

    /** @return whether this key may use the model with that id */
    public boolean mayUse(String modelId) {
        return Glob.anyMatches(allowAgents, modelId);
    }

    /** @return whether this key may use the model with that id, naming the allow_agents glob that decided */
    public AccessDecision modelAccess(String modelId) {
        for (Glob glob : allowAgents) {
            if (glob.matches(modelId)) {
                return new AccessDecision(true, "model '" + modelId + "' matches allow_agents '" + glob.pattern()
                        + "' of key '" + id + "'");
            }
        }
        return new AccessDecision(false, "model '" + modelId + "' matches none of allow_agents "
                + allowAgents.stream().map(Glob::pattern).toList() + " of key '" + id + "'");
    }

    public boolean expired(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    @Override
    public String toString() {
        return "ApiKey[id=" + id + "]";
    }
}
