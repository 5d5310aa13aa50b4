package io.agentgateway.host.config;

import java.nio.file.Path;

/**
 * The config files the gateway cannot run without, each with the variable that names it and the JSON Schema it must
 * satisfy (docs/schemas/&lt;name&gt;.schema.json, also in the jar).
 */
public enum ConfigFile {
    SECURITY("security", "GATEWAY_SECURITY_CONFIG"),
    UPSTREAMS("upstreams", "GATEWAY_UPSTREAM_CONFIG"),
    AGENTS("agents", "GATEWAY_AGENT_CONFIG"),
    TOOLS("tools", "GATEWAY_TOOL_CONFIG");

    private final String name;
    private final String variable;

    ConfigFile(String name, String variable) {
        this.name = name;
        this.variable = variable;
    }

    /** @return the environment variable naming the file */
    public String variable() {
        return variable;
    }

    /** @return where the file is when {@link #variable()} is not set */
    public Path defaultPath() {
        return Path.of("config", name + ".yaml");
    }

    /** @return the schema's file name, e.g. {@code security.schema.json} */
    public String schemaName() {
        return name + ".schema.json";
    }
}
