package io.agentgateway.host.config;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Where the gateway finds its config, plugins and port, from the environment (every variable is listed in
 * docs/configuration.md), with defaults relative to the working directory.
 *
 * @param port {@code GATEWAY_PORT}, default 8000
 * @param host {@code GATEWAY_HOST}, default 127.0.0.1 (this machine only; set 0.0.0.0 to serve the network)
 * @param upstreamConfig {@code GATEWAY_UPSTREAM_CONFIG}, default config/upstreams.yaml
 * @param securityConfig {@code GATEWAY_SECURITY_CONFIG}, default config/security.yaml
 * @param agentConfig {@code GATEWAY_AGENT_CONFIG}, default config/agents.yaml
 * @param toolConfig {@code GATEWAY_TOOL_CONFIG}, default config/tools.yaml
 * @param pluginsDir {@code GATEWAY_PLUGINS_DIR}, default plugins-dist
 * @param maxBodyBytes {@code GATEWAY_MAX_BODY_BYTES}, default 10 MiB: larger request bodies get 413
 * @param corsOrigins {@code GATEWAY_CORS_ORIGINS}, comma-separated browser origins allowed to call the gateway; none
 *     by default
 * @param apiDocs {@code GATEWAY_API_DOCS}, default true: serve {@code /openapi} and {@code /docs}, which need no key
 * @param env the environment itself, for {@code ${VAR}} references and the other variables
 */
public record GatewaySettings(
        int port,
        String host,
        Path upstreamConfig,
        Path securityConfig,
        Path agentConfig,
        Path toolConfig,
        Path pluginsDir,
        long maxBodyBytes,
        List<String> corsOrigins,
        boolean apiDocs,
        Function<String, String> env) {

    public static GatewaySettings fromEnvironment(Function<String, String> env) {
        return new GatewaySettings(
                integer(env, "GATEWAY_PORT", 8000),
                value(env, "GATEWAY_HOST", "127.0.0.1"),
                Path.of(value(env, "GATEWAY_UPSTREAM_CONFIG", "config/upstreams.yaml")),
                Path.of(value(env, "GATEWAY_SECURITY_CONFIG", "config/security.yaml")),
                Path.of(value(env, "GATEWAY_AGENT_CONFIG", "config/agents.yaml")),
                Path.of(value(env, "GATEWAY_TOOL_CONFIG", "config/tools.yaml")),
                Path.of(value(env, "GATEWAY_PLUGINS_DIR", "plugins-dist")),
                integer(env, "GATEWAY_MAX_BODY_BYTES", 10 * 1024 * 1024),
                corsOrigins(env.apply("GATEWAY_CORS_ORIGINS")),
                bool(env, "GATEWAY_API_DOCS", true),
                env);
    }

    public GatewaySettings {
        corsOrigins = List.copyOf(corsOrigins);
    }

    /**
     * @return {@code GATEWAY_DATA_DIR}, default {@code data} (relative to the working directory): where the embedded
     *     database ({@code gateway.db}: usage, audit) lives
     */
    public Path dataDir() {
        return Path.of(value(env, "GATEWAY_DATA_DIR", "data"));
    }

    /**
     * @return {@code GATEWAY_PLUGINS_WATCH}, default true: whether the plugins folder is watched and changes to it
     *     (added, replaced, removed plugins) are put in force while the gateway runs
     */
    public boolean pluginsWatch() {
        return bool(env, "GATEWAY_PLUGINS_WATCH", true);
    }

    /**
     * @return {@code GATEWAY_AGENT_AUTO_RELOAD}, default false: whether security.yaml, agents.yaml, tools.yaml and
     *     upstreams.yaml are watched and a change is put in force as their admin refresh would ({@link ConfigWatch}).
     *     Accepts 1/true/yes/on and 0/false/no/off, as the variable always did; anything else stops the start
     */
    public boolean autoReload() {
        String name = "GATEWAY_AGENT_AUTO_RELOAD";
        String value = env.apply(name);
        if (value == null || value.isBlank()) {
            return false;
        }
        return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "1", "true", "yes", "on" -> true;
            case "0", "false", "no", "off" -> false;
            default -> throw new ConfigException(name + " must be 1, true, yes or on (or 0, false, no, off), not '"
                    + value + "'");
        };
    }

    /**
     * @return {@code GATEWAY_PLUGINS_DRAIN_SECONDS}, default 300: how long a replaced or removed plugin version may
     *     finish the requests it is serving (streams and agent runs included) before it is unloaded anyway
     */
    public java.time.Duration pluginsDrain() {
        int seconds = integer(env, "GATEWAY_PLUGINS_DRAIN_SECONDS", 300);
        if (seconds < 0) {
            throw new ConfigException("GATEWAY_PLUGINS_DRAIN_SECONDS must be 0 or more, not " + seconds);
        }
        return java.time.Duration.ofSeconds(seconds);
    }

    /** @return {@code GATEWAY_METRICS_KEY}: a key that may read the metrics routes and nothing else, or null */
    public String metricsKey() {
        String key = env.apply("GATEWAY_METRICS_KEY");
        return key == null || key.isBlank() ? null : key.trim();
    }

    /**
     * @return {@code GATEWAY_METRICS_PORT}: a port that serves {@code /metrics/prometheus} without a key (bound to
     *     {@code GATEWAY_HOST}; 0 picks a free one), or -1 when unset
     */
    public int metricsPort() {
        String value = env.apply("GATEWAY_METRICS_PORT");
        return value == null || value.isBlank() ? -1 : integer(env, "GATEWAY_METRICS_PORT", -1);
    }

    /** @return {@code GATEWAY_PRICES_CONFIG}, default config/prices.yaml: the optional price table per model */
    public Path pricesConfig() {
        return Path.of(value(env, "GATEWAY_PRICES_CONFIG", "config/prices.yaml"));
    }

    /**
     * @return {@code GATEWAY_RESPONSES_RETENTION_DAYS}, default 30: how long a response made through
     *     {@code /v1/responses} is kept for {@code GET /v1/responses/{id}} and {@code previous_response_id}
     */
    public java.time.Duration responsesRetention() {
        int days = integer(env, "GATEWAY_RESPONSES_RETENTION_DAYS", 30);
        if (days < 1) {
            throw new ConfigException("GATEWAY_RESPONSES_RETENTION_DAYS must be 1 or more, not " + days);
        }
        return java.time.Duration.ofDays(days);
    }

    private static List<String> corsOrigins(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.split(",")).map(String::trim).filter(origin -> !origin.isEmpty())
                .map(origin -> origin.endsWith("/") ? origin.substring(0, origin.length() - 1) : origin)
                .distinct().toList();
    }

    private static String value(Function<String, String> env, String name, String fallback) {
        String value = env.apply(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static boolean bool(Function<String, String> env, String name, boolean fallback) {
        String value = env.apply(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ConfigException(name + " must be true or false, not '" + value + "'");
        };
    }

    private static int integer(Function<String, String> env, String name, int fallback) {
        String value = env.apply(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new ConfigException(name + " must be a whole number, not '" + value + "'");
        }
    }
}
