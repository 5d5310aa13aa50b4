package io.agentgateway.host.security;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * Which plugin ids may load, from security.yaml's {@code dropin_module_allowlist} and {@code dropin_module_denylist}.
 * Globs know {@code *} (any run of characters) and {@code ?} (one character); everything else matches itself.
 * A deny match wins over an allow match, and an id that matches no allow glob is blocked.
 */
public final class PluginRules {

    private final List<String> allowGlobs;
    private final List<String> denyGlobs;
    private final List<Glob> allow;
    private final List<Glob> deny;

    public PluginRules(List<String> allowGlobs, List<String> denyGlobs) {
        this.allowGlobs = List.copyOf(requireNonNull(allowGlobs, "allowGlobs is null"));
        this.denyGlobs = List.copyOf(requireNonNull(denyGlobs, "denyGlobs is null"));
        this.allow = Glob.all(this.allowGlobs);
        this.deny = Glob.all(this.denyGlobs);
    }

    /**
     * @param pluginId a plugin's {@code Plugin-Id}
     * @return why the plugin must not load, or empty when it may
     */
    public Optional<String> blockReason(String pluginId) {
        requireNonNull(pluginId, "pluginId is null");
        for (int i = 0; i < deny.size(); i++) {
            if (deny.get(i).matches(pluginId)) {
                return Optional.of("matches dropin_module_denylist entry '" + denyGlobs.get(i) + "'");
            }
        }
        if (!Glob.anyMatches(allow, pluginId)) {
            return Optional.of("matches no dropin_module_allowlist entry " + allowGlobs);
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "PluginRules[allow=" + allowGlobs + ", deny=" + denyGlobs + "]";
    }
}
