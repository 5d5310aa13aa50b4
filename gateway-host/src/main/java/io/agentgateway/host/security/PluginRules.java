package io.agentgateway.host.security;

import static java.util.Objects.requireNonNull;

import io.agentgateway.host.config.ConfigException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which plugin ids may load, from security.yaml's {@code dropin_module_allowlist} and {@code dropin_module_denylist},
 * and which bytes they must be, from its {@code plugin_pins}. Globs know {@code *} (any run of characters) and
 * {@code ?} (one character); everything else matches itself. A deny match wins over an allow match, and an id that
 * matches no allow glob is blocked. Globs and pinned ids are matched in lower case without surrounding spaces, the
 * form every valid plugin id has, so {@code Text-Tools} in a list means the plugin {@code text-tools}.
 */
public final class PluginRules {

    private final List<String> allowGlobs;
    private final List<String> denyGlobs;
    private final List<Glob> allow;
    private final List<Glob> deny;
    private final Map<String, String> pins;

    public PluginRules(List<String> allowGlobs, List<String> denyGlobs) {
        this(allowGlobs, denyGlobs, Map.of());
    }

    /** @param pins plugin id to the lower-case hex SHA-256 its jar or zip must have */
    public PluginRules(List<String> allowGlobs, List<String> denyGlobs, Map<String, String> pins) {
        this.allowGlobs = List.copyOf(requireNonNull(allowGlobs, "allowGlobs is null"));
        this.denyGlobs = List.copyOf(requireNonNull(denyGlobs, "denyGlobs is null"));
        this.allow = Glob.all(this.allowGlobs.stream().map(PluginRules::normal).toList());
        this.deny = Glob.all(this.denyGlobs.stream().map(PluginRules::normal).toList());
        Map<String, String> normalPins = new LinkedHashMap<>();
        requireNonNull(pins, "pins is null").forEach((id, sha) -> normalPins.put(normal(id), digest(sha)));
        this.pins = Map.copyOf(normalPins);
    }

    /** The rules of a parsed security.yaml, its {@code plugin_pins} checked. */
    public static PluginRules of(SecurityConfig config, String where) {
        return new PluginRules(config.pluginAllow(), config.pluginDeny(), pins(config.raw(), where));
    }

    /**
     * Reads {@code plugin_pins:}, a map of plugin id to the SHA-256 of its file in hex (optionally written
     * {@code sha256:<hex>}).
     *
     * @throws ConfigException naming the entry when a digest is not 64 hex characters
     */
    static Map<String, String> pins(Map<String, Object> yaml, String where) {
        Object section = yaml == null ? null : yaml.get("plugin_pins");
        if (section == null) {
            return Map.of();
        }
        if (!(section instanceof Map<?, ?> entries)) {
            throw new ConfigException(where + ": 'plugin_pins' must map plugin ids to SHA-256 digests, such as"
                    + " 'text-tools: 3f2a...' (64 hex characters; 'sha256sum <jar>' prints one)");
        }
        Map<String, String> pins = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : entries.entrySet()) {
            String id = normal(String.valueOf(entry.getKey()));
            String sha = digest(String.valueOf(entry.getValue()));
            if (!sha.matches("[0-9a-f]{64}")) {
                throw new ConfigException(where + " plugin_pins[" + id + "]: the pin must be the plugin file's"
                        + " SHA-256 in hex (64 characters, as 'sha256sum <jar>' prints it)");
            }
            pins.put(id, sha);
        }
        return pins;
    }

    /**
     * @param pluginId a plugin's {@code Plugin-Id}
     * @return why the plugin must not load, or empty when it may
     */
    public Optional<String> blockReason(String pluginId) {
        String id = normal(requireNonNull(pluginId, "pluginId is null"));
        for (int i = 0; i < deny.size(); i++) {
            if (deny.get(i).matches(id)) {
                return Optional.of("matches dropin_module_denylist entry '" + denyGlobs.get(i) + "'");
            }
        }
        if (!Glob.anyMatches(allow, id)) {
            return Optional.of("matches no dropin_module_allowlist entry " + allowGlobs);
        }
        return Optional.empty();
    }

    /**
     * @param sha256 the lower-case hex SHA-256 of the plugin's jar or zip
     * @return why the plugin's bytes are refused (its pin names other bytes), or empty when it has no pin or matches it
     */
    public Optional<String> pinMismatch(String pluginId, String sha256) {
        String expected = pins.get(normal(pluginId));
        if (expected == null || expected.equals(normal(sha256))) {
            return Optional.empty();
        }
        return Optional.of("sha256 does not match its plugin_pins entry: expected " + expected + ", actual "
                + normal(sha256));
    }

    /** @return the digest {@code pluginId} is pinned to, if any */
    public Optional<String> pin(String pluginId) {
        return Optional.ofNullable(pins.get(normal(pluginId)));
    }

    /** @return a pin in lower-case hex, without the {@code sha256:} some write before it */
    private static String digest(String pin) {
        String sha = normal(pin);
        return sha.startsWith("sha256:") ? sha.substring("sha256:".length()) : sha;
    }

    private static String normal(String text) {
        return text.strip().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return "PluginRules[allow=" + allowGlobs + ", deny=" + denyGlobs + ", pins=" + pins.keySet() + "]";
    }
}
