package io.agentgateway.host.config;

import static io.agentgateway.host.config.ConfigValues.mapList;
import static io.agentgateway.host.config.ConfigValues.number;
import static io.agentgateway.host.config.ConfigValues.requiredString;
import static io.agentgateway.host.config.ConfigValues.string;
import static io.agentgateway.host.config.ConfigValues.stringList;

import io.agentgateway.api.upstream.UpstreamSettings;
import io.agentgateway.httpclient.UpstreamHttpOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * upstreams.yaml: {@code upstreams: [{name, provider, base_url, api_key | api_key_env, timeout, models, priority,
 * retries, ...}]}. The provider receives as options the entry's other keys the schema knows ({@code stream_options},
 * {@code proxy}, {@code tls}, {@code limits}) and, merged in, the keys under {@code options:}, which the schema leaves
 * to the provider: a plugin's own settings go there.
 */
public final class UpstreamsConfig {

    /** One more attempt by default: a connection refused or a 503 often passes within a second. */
    static final int DEFAULT_RETRIES = 1;
    private static final Set<String> KNOWN = Set.of(
            "name", "provider", "base_url", "api_key", "api_key_env", "timeout", "models", "priority", "retries",
            "options", "health_path", "health_timeout", "health_interval", "circuit_breaker");

    private UpstreamsConfig() {
    }

    public static List<UpstreamEntry> parse(Map<String, Object> yaml, Function<String, String> env, String where) {
        List<UpstreamEntry> entries = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Map<String, Object> node : mapList(yaml, "upstreams", where)) {
            String name = requiredString(node, "name", where + " upstreams");
            String context = where + " upstreams[" + name + "]";
            if (!name.matches("[A-Za-z0-9_.-]+")) {
                throw new ConfigException(context + ": 'name' may use letters, digits, '.', '_' and '-' only");
            }
            if (!names.add(name)) {
                throw new ConfigException(context + ": the name is used twice");
            }
            String apiKey = string(node, "api_key", context);
            String keyEnv = string(node, "api_key_env", context);
            if ((apiKey == null || apiKey.isBlank()) && keyEnv != null) {
                apiKey = env.apply(keyEnv);
            }
            Map<String, Object> options = new LinkedHashMap<>(node);
            options.keySet().removeAll(KNOWN);
            options.putAll(ConfigValues.map(node, "options", context));
            options.values().removeIf(java.util.Objects::isNull);
            double timeoutSeconds = number(node, "timeout", 60, context);
            if (timeoutSeconds <= 0) {
                throw new ConfigException(context + ": 'timeout' must be a positive number of seconds");
            }
            UpstreamSettings settings = new UpstreamSettings(
                    name,
                    // Only the provider knows whether it connects anywhere: one that does refuses a missing
                    // base_url when the upstream is opened; one that answers in the gateway needs none.
                    Objects.requireNonNullElse(string(node, "base_url", context), ""),
                    apiKey == null || apiKey.isBlank() ? null : apiKey,
                    Duration.ofMillis((long) (timeoutSeconds * 1000)),
                    stringList(node, "models", List.of(), context),
                    options);
            try {
                UpstreamHttpOptions.of(settings); // proxy, tls and limits: wrong here, wrong at start
            } catch (IllegalArgumentException e) {
                throw new ConfigException(context + ": " + e.getMessage());
            }
            double retries = number(node, "retries", DEFAULT_RETRIES, context);
            if (retries < 0 || retries > 10 || retries != Math.rint(retries)) {
                throw new ConfigException(context + ": 'retries' must be a whole number from 0 to 10");
            }
            entries.add(new UpstreamEntry(
                    string(node, "provider", context) == null ? "openai-compatible" : string(node, "provider", context),
                    (int) number(node, "priority", 100, context),
                    (int) retries,
                    settings,
                    TargetChecks.parse(node, context)));
        }
        return entries;
    }
}
