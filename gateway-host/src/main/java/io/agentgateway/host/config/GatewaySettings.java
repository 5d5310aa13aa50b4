package io.agentgateway.host.config;

import java.nio.file.Path;
import java.util.function.Function;

/**
 * Where the gateway finds its config, plugins and port, from the environment (the reference's variable names), with
 * defaults relative to the working directory.
 *
 * @param port {@code GATEWAY_PORT}, default 8000
 * @param host {@code GATEWAY_HOST}, default 127.0.0.1 (this machine only; set 0.0.0.0 to serve the network)
 * @param upstreamConfig {@code GATEWAY_UPSTREAM_CONFIG}, default config/upstreams.yaml
 * @param securityConfig {@code GATEWAY_SECURITY_CONFIG}, default config/security.yaml
 * @param agentConfig {@code GATEWAY_AGENT_CONFIG}, default config/agents.yaml
 * @param toolConfig {@code GATEWAY_TOOL_CONFIG}, default config/tools.yaml
 * @param pluginsDir {@code GATEWAY_PLUGINS_DIR}, default plugins-dist
 * @param maxBodyBytes {@code GATEWAY_MAX_BODY_BYTES}, default 10 MiB: larger request bodies get 413
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
                env);
    }

    private static String value(Function<String, String> env, String name, String fallback) {
        String value = env.apply(name);
        return value == null || value.isBlank() ? fallback : value;
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
