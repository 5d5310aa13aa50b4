package io.agentgateway.host.security;

import static io.agentgateway.host.config.ConfigValues.map;
import static io.agentgateway.host.config.ConfigValues.mapList;
import static io.agentgateway.host.config.ConfigValues.number;
import static io.agentgateway.host.config.ConfigValues.string;
import static io.agentgateway.host.config.ConfigValues.stringList;

import io.agentgateway.host.config.ConfigException;
import io.agentgateway.host.config.ConfigValues;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * security.yaml, in the reference's shape: {@code default} rules and {@code api_keys}. Keys carry either {@code key}
 * (plain) or {@code hashed_key} (SHA-256 hex); ours add {@code admin: true} for the admin routes.
 *
 * @param keys the configured keys; when empty, {@code GATEWAY_API_KEY} (if set) becomes the only key
 * @param pluginAllow {@code default.dropin_module_allowlist}: globs over plugin ids that may load
 * @param pluginDeny {@code default.dropin_module_denylist}: globs over plugin ids that never load (deny wins)
 * @param raw the whole file, for sections other parts of the gateway read (tool allowlists)
 */
public record SecurityConfig(List<ApiKey> keys, List<String> pluginAllow, List<String> pluginDeny,
                             Map<String, Object> raw) {

    /** Parses the file's content; {@code singleKey} is {@code GATEWAY_API_KEY}, or null. */
    public static SecurityConfig parse(Map<String, Object> yaml, String singleKey, String where) {
        Map<String, Object> defaults = map(yaml, "default", where);
        List<String> defaultAgents = stringList(defaults, "allow_agents", List.of("*"), where + " default");
        int defaultRate = (int) number(map(defaults, "rate_limit", where), "per_minute", 0, where);
        List<ApiKey> keys = new ArrayList<>();
        for (Map<String, Object> entry : mapList(yaml, "api_keys", where)) {
            keys.add(key(entry, defaultAgents, defaultRate, where));
        }
        if (keys.isEmpty() && singleKey != null && !singleKey.isBlank()) {
            keys.add(new ApiKey("default", ApiKeyStore.sha256(singleKey), Glob.all(defaultAgents), defaultRate,
                    null, true));
        }
        return new SecurityConfig(keys,
                stringList(defaults, "dropin_module_allowlist", List.of("*"), where),
                stringList(defaults, "dropin_module_denylist", List.of(), where),
                yaml);
    }

    private static ApiKey key(Map<String, Object> entry, List<String> defaultAgents, int defaultRate, String where) {
        String id = ConfigValues.requiredString(entry, "id", where + " api_keys");
        String context = where + " api_keys[" + id + "]";
        String plain = string(entry, "key", context);
        String hashed = string(entry, "hashed_key", context);
        byte[] hash;
        if (hashed != null && !hashed.isBlank()) {
            try {
                hash = HexFormat.of().parseHex(hashed.trim().toLowerCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(context + ": 'hashed_key' must be the SHA-256 of the key in hex");
            }
            if (hash.length != 32) {
                throw new ConfigException(context + ": 'hashed_key' must be 64 hex characters (SHA-256)");
            }
        } else if (plain != null && !plain.isBlank()) {
            hash = ApiKeyStore.sha256(plain);
        } else {
            throw new ConfigException(context + ": give 'key' or 'hashed_key'");
        }
        Map<String, Object> rate = ConfigValues.map(entry, "rate_limit", context);
        return new ApiKey(id, hash,
                Glob.all(stringList(entry, "allow_agents", defaultAgents, context)),
                (int) number(rate, "per_minute", defaultRate, context),
                expiry(entry.get("expires_at"), context),
                ConfigValues.bool(entry.get("admin"), false));
    }

    private static Instant expiry(Object value, String context) {
        if (value == null) {
            return null;
        }
        if (value instanceof java.util.Date date) {
            return date.toInstant();
        }
        try {
            return Instant.parse(String.valueOf(value));
        } catch (DateTimeParseException e) {
            throw new ConfigException(context + ": 'expires_at' must be an ISO-8601 instant such as "
                    + "2027-01-01T00:00:00Z");
        }
    }
}
