package io.agentgateway.host.it;

import io.agentgateway.host.Gateway;
import io.agentgateway.host.config.GatewaySettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The real gateway, started in this JVM on a free port with the plugin jars the reactor built and config files
 * written for the test.
 */
public final class RunningGateway implements AutoCloseable {

    public static final String KEY = "it-secret";

    private final Gateway gateway;

    private RunningGateway(Gateway gateway) {
        this.gateway = gateway;
    }

    /**
     * @param configDir where to write the config files
     * @param upstreamsYaml the content of upstreams.yaml
     * @param extra more files (name to content) and environment variables (names in upper case)
     */
    public static RunningGateway start(Path configDir, String upstreamsYaml, Map<String, String> extra)
            throws IOException {
        Map<String, String> env = new HashMap<>();
        Files.writeString(configDir.resolve("upstreams.yaml"), upstreamsYaml);
        Files.writeString(configDir.resolve("security.yaml"), """
                version: 1
                default:
                  allow_agents: ["*"]
                api_keys:
                  - id: it
                    key: %s
                    admin: true
                """.formatted(KEY));
        for (Map.Entry<String, String> entry : extra.entrySet()) {
            if (entry.getKey().equals(entry.getKey().toUpperCase(java.util.Locale.ROOT))) {
                env.put(entry.getKey(), entry.getValue());
            } else {
                Files.writeString(configDir.resolve(entry.getKey()), entry.getValue());
            }
        }
        env.putIfAbsent("GATEWAY_PORT", "0");
        env.putIfAbsent("GATEWAY_HOST", "127.0.0.1");
        env.putIfAbsent("GATEWAY_UPSTREAM_CONFIG", configDir.resolve("upstreams.yaml").toString());
        env.putIfAbsent("GATEWAY_SECURITY_CONFIG", configDir.resolve("security.yaml").toString());
        env.putIfAbsent("GATEWAY_AGENT_CONFIG", configDir.resolve("agents.yaml").toString());
        env.putIfAbsent("GATEWAY_TOOL_CONFIG", configDir.resolve("tools.yaml").toString());
        env.putIfAbsent("GATEWAY_PLUGINS_DIR", Repository.pluginsDist().toString());
        return new RunningGateway(Gateway.start(GatewaySettings.fromEnvironment(env::get)));
    }

    /** A gateway whose only upstream is {@code mock}, the given mock process, with a 3 s timeout. */
    public static RunningGateway withMock(Path configDir, MockUpstreamProcess mock) throws IOException {
        return start(configDir, """
                upstreams:
                  - name: mock
                    provider: openai-compatible
                    base_url: %s
                    api_key: upstream-secret
                    timeout: 3
                """.formatted(mock.baseUrl()), Map.of());
    }

    public int port() {
        return gateway.port();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port() + "/v1";
    }

    @Override
    public void close() {
        gateway.stop();
    }
}
