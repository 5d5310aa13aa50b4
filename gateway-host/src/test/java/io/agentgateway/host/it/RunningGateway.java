package io.agentgateway.host.it;

import io.agentgateway.host.Gateway;
import io.agentgateway.host.config.GatewaySettings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Gateway gateway;
    /** The data folder made for this gateway, removed when it stops; null when the test gave its own. */
    private final Path ownDataDir;

    private RunningGateway(Gateway gateway, Path ownDataDir) {
        this.gateway = gateway;
        this.ownDataDir = ownDataDir;
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
        Files.writeString(configDir.resolve("security.yaml"), securityYaml(""));
        for (Map.Entry<String, String> entry : extra.entrySet()) {
            if (entry.getKey().equals(entry.getKey().toUpperCase(java.util.Locale.ROOT))) {
                env.put(entry.getKey(), entry.getValue());
            } else {
                Files.writeString(configDir.resolve(entry.getKey()), entry.getValue());
            }
        }
        writeEmptyIfMissing(configDir);
        return startWith(configDir, env);
    }

    /**
     * The gateway as {@code ./gateway run} starts it on a fresh clone: the repository's own config/ and the plugins
     * the reactor built, with nothing but {@code env} in its environment.
     */
    public static RunningGateway shipped(Map<String, String> env) {
        return startWith(Repository.root().resolve("config"), new HashMap<>(env));
    }

    private static RunningGateway startWith(Path configDir, Map<String, String> env) {
        Path ownDataDir = null;
        if (!env.containsKey("GATEWAY_DATA_DIR")) {
            ownDataDir = DataDirs.fresh(); // never the working directory's data/
            env.put("GATEWAY_DATA_DIR", ownDataDir.toString());
        }
        env.putIfAbsent("GATEWAY_PORT", "0");
        env.putIfAbsent("GATEWAY_HOST", "127.0.0.1");
        env.putIfAbsent("GATEWAY_UPSTREAM_CONFIG", configDir.resolve("upstreams.yaml").toString());
        env.putIfAbsent("GATEWAY_SECURITY_CONFIG", configDir.resolve("security.yaml").toString());
        env.putIfAbsent("GATEWAY_AGENT_CONFIG", configDir.resolve("agents.yaml").toString());
        env.putIfAbsent("GATEWAY_TOOL_CONFIG", configDir.resolve("tools.yaml").toString());
        env.putIfAbsent("GATEWAY_PLUGINS_DIR", Repository.pluginsDist().toString());
        SuiteLogs.secretsOf(configDir, env);
        SuiteLogs.secret(KEY);
        SuiteLogs.install();
        RunningGateway started;
        try {
            started = new RunningGateway(Gateway.start(GatewaySettings.fromEnvironment(env::get)), ownDataDir);
        } catch (RuntimeException e) {
            if (ownDataDir != null) {
                DataDirs.remove(ownDataDir);
            }
            throw e;
        }
        SuiteLogs.install();
        return started;
    }

    /** Every config file must exist; a test that does not write agents.yaml or tools.yaml gets an empty one. */
    static void writeEmptyIfMissing(Path configDir) throws IOException {
        for (String name : java.util.List.of("agents.yaml", "tools.yaml")) {
            if (!Files.exists(configDir.resolve(name))) {
                Files.writeString(configDir.resolve(name), "");
            }
        }
    }

    /** A gateway whose only upstream is {@code mock}, the given mock process, with a 3 s timeout. */
    public static RunningGateway withMock(Path configDir, MockUpstreamProcess mock) throws IOException {
        return start(configDir, mockUpstream(mock, 3), Map.of());
    }

    /** @return an upstreams.yaml whose only upstream is {@code mock}, the given mock process */
    public static String mockUpstream(MockUpstreamProcess mock, int timeoutSeconds) {
        return """
                upstreams:
                  - name: mock
                    provider: openai-compatible
                    base_url: %s
                    api_key: upstream-secret
                    timeout: %d
                """.formatted(mock.baseUrl(), timeoutSeconds);
    }

    /**
     * @param moreYaml more entries of {@code api_keys}, then any further sections, indented as in the file
     * @return a security.yaml letting every key use every agent, with {@link #KEY} an admin key (id {@code it})
     */
    public static String securityYaml(String moreYaml) {
        return """
                version: 1
                default:
                  allow_agents: ["*"]
                api_keys:
                  - id: it
                    key: %s
                    admin: true
                """.formatted(KEY) + moreYaml;
    }

    public int port() {
        return gateway.port();
    }

    /** @return the port of GATEWAY_METRICS_PORT, or -1 */
    public int metricsPort() {
        return gateway.metricsPort();
    }

    /** @return the routes the gateway serves */
    public io.agentgateway.host.GatewayRouting routing() {
        return gateway.routing();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port() + "/v1";
    }

    /** @return {@code path} (starting with a slash) on this gateway */
    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port() + path);
    }

    /** Sends a request to this gateway. @return the response, whatever its status */
    public HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** GETs {@code path} with {@code key} as bearer token. @return the response, whatever its status */
    public HttpResponse<String> get(String path, String key) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + key).GET());
    }

    /** POSTs a JSON {@code body} to {@code /v1/chat/completions} with {@code key} as bearer token and more headers. */
    public HttpResponse<String> chat(String key, String body, String... headerNamesAndValues)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + "/chat/completions"))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headerNamesAndValues.length > 0) {
            request.headers(headerNamesAndValues);
        }
        return send(request);
    }

    @Override
    public void close() {
        gateway.stop();
        if (ownDataDir != null) {
            DataDirs.remove(ownDataDir);
        }
    }
}
