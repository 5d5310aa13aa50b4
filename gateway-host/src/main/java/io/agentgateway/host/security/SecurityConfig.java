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
 * security.yaml: {@code default} rules and {@code api_keys}. Keys carry either {@code key} (plain) or
 * {@code hashed_key} (SHA-256 hex); {@code admin: true} opens the admin routes. A gateway without keys is refused
 * unless the file says {@code auth: none}: a file that lost its keys by mistake must not open the gateway.
 *
 * @param keys the configured keys; when empty, {@code GATEWAY_API_KEY} (if set) becomes the only key
 * @param open {@code auth: none}: requests without a key are let in (as a key that is no admin)
 * @param pluginAllow {@code default.dropin_module_allowlist}: globs over plugin ids that may load
 * @param pluginDeny {@code default.dropin_module_denylist}: globs over plugin ids that never load (deny wins)
 * @param raw the whole file, for sections other parts of the gateway read (tool allowlists)
 */
public record SecurityConfig(List<ApiKey> keys, boolean open, List<String> pluginAllow, List<String> pluginDeny,
                             Map<String, Object> raw) {

    /** Parses the file's content; {@code singleKey} is {@code GATEWAY_API_KEY}, or null. */
    public static SecurityConfig parse(Map<String, Object> yaml, String singleKey, String where) {
        Map<String, Object> defaults = map(yaml, "default", where);
        List<String> defaultAgents = stringList(defaults, "allow_agents", List.of("*"), where + " default");
        int defaultRate = (int) number(map(defaults, "rate_limit", where), "per_minute", 0, where);
        List<ApiKey> keys = new ArrayList<>();
        Map<String, Object> namespaces = map(defaults, "namespace_defaults", where + " default");
        for (Map<String, Object> entry : mapList(yaml, "api_keys", where)) {
            Map<String, Object> namespace = namespaceDefaults(entry, namespaces, where);
            keys.add(key(entry,
                    stringList(namespace, "allow_agents", defaultAgents, where + " namespace_defaults"),
                    (int) number(map(namespace, "rate_limit", where), "per_minute", defaultRate, where),
                    where));
        }
        if (keys.isEmpty() && singleKey != null && !singleKey.isBlank()) {
            keys.add(new ApiKey("default", headerSafe(singleKey, "GATEWAY_API_KEY"), Glob.all(defaultAgents),
                    defaultRate, null, true));
        }
        boolean open = "none".equals(yaml.get("auth"));
        if (keys.isEmpty() && !open) {
            throw new ConfigException(where + ": no api_keys and no GATEWAY_API_KEY, so no request could get in."
                    + " Add a key under api_keys (or set GATEWAY_API_KEY), or write 'auth: none' to run without keys"
                    + " on purpose.");
        }
        return new SecurityConfig(keys, open,
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
            hash = headerSafe(plain, context + ": 'key'");
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

    /**
     * A key's {@code namespace} names an entry of {@code default.namespace_defaults}, whose {@code allow_agents} and
     * {@code rate_limit} the key takes when it does not set its own, before {@code default}'s. A namespace that has
     * no entry is refused: a misspelt one would otherwise give the key the wider defaults.
     */
    private static Map<String, Object> namespaceDefaults(Map<String, Object> entry, Map<String, Object> namespaces,
            String where) {
        String namespace = string(entry, "namespace", where + " api_keys");
        if (namespace == null) {
            return Map.of();
        }
        if (!(namespaces.get(namespace) instanceof Map<?, ?>)) {
            throw new ConfigException(where + " api_keys[" + entry.get("id") + "]: namespace '" + namespace
                    + "' has no entry under default.namespace_defaults (known: " + namespaces.keySet() + ")");
        }
        return map(namespaces, namespace, where + " default.namespace_defaults");
    }

    /**
     * A key travels in a header ({@code Authorization: Bearer <key>}): one with a space, a control character or a
     * letter outside ASCII could never be presented, so it is refused here rather than never matching. The message
     * names where the key is, never the key.
     *
     * @return the key's SHA-256
     */
    private static byte[] headerSafe(String key, String where) {
        String trimmed = key.trim();
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                throw new ConfigException(where + " must be printable ASCII without spaces: it is sent in an HTTP"
                        + " header (character " + (i + 1) + " is not)");
            }
        }
        return ApiKeyStore.sha256(trimmed);
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
