package io.agentgateway.host.security;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Temporary allow rules ({@code POST /security/override}): key X may also use the models matching a glob until an
 * instant. Kept in memory, across reloads of security.yaml, and not across a restart: an override is meant for the
 * hour, while security.yaml says what holds. Applied to a key where it is authenticated, so every check of that
 * request (chat, the model list, a preview) sees the same rules.
 */
public final class Overrides {

    private final Clock clock;
    private final Map<String, List<Grant>> byKey = new ConcurrentHashMap<>();

    public Overrides(Clock clock) {
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * One temporary rule.
     *
     * @param keyId the key it widens
     * @param allow the glob of model ids it allows
     * @param expiresAt when it stops applying
     */
    public record Grant(String keyId, Glob allow, Instant expiresAt) {
    }

    /** Adds a rule for {@code ttl}. @return the rule */
    public Grant grant(String keyId, String allow, Duration ttl) {
        Grant rule = new Grant(keyId, Glob.of(allow), clock.instant().plus(ttl));
        byKey.computeIfAbsent(keyId, id -> new CopyOnWriteArrayList<>()).add(rule);
        return rule;
    }

    /** @return the rules of that key still in force */
    public List<Grant> active(String keyId) {
        List<Grant> rules = byKey.get(keyId);
        if (rules == null) {
            return List.of();
        }
        Instant now = clock.instant();
        rules.removeIf(rule -> !now.isBefore(rule.expiresAt()));
        return List.copyOf(rules);
    }

    /** @return {@code key} with the globs of its active overrides added to its {@code allow_agents} */
    public ApiKey apply(ApiKey key) {
        List<Grant> rules = active(key.id());
        if (rules.isEmpty()) {
            return key;
        }
        List<Glob> allow = new ArrayList<>(key.allowAgents());
        rules.forEach(rule -> allow.add(rule.allow()));
        return new ApiKey(key.id(), key.secretSha256(), allow, key.ratePerMinute(), key.expiresAt(), key.admin());
    }
}
