package io.agentgateway.httpclient;

import io.agentgateway.api.http.HttpClientOptions;
import io.agentgateway.api.upstream.UpstreamSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * Reads the HTTP settings of an upstreams.yaml entry into client options:
 * <pre>
 * proxy: http://proxy.corp:3128     # or "none" to connect directly; absent: HTTPS_PROXY / HTTP_PROXY / NO_PROXY
 * tls:
 *   ca_file: certs/internal-ca.pem  # trusted instead of the JVM's certificates
 *   cert_file: certs/client.pem     # client certificate chain, with
 *   key_file: certs/client-key.pem  # its PKCS#8 private key
 * limits:
 *   max_response_bytes: 16777216    # one non-streaming answer
 *   max_event_bytes: 1048576        # one streamed event
 *   max_stream_bytes: 268435456     # one stream in all
 *   max_stream_events: 1000000      # events of one stream
 *   max_stream_seconds: 1800        # how long one stream may last
 * </pre>
 * The entry's {@code timeout} is the connect and read timeout. Relative file paths are read from the working directory.
 */
public final class UpstreamHttpOptions {

    private static final Set<String> TLS_KEYS = Set.of("ca_file", "cert_file", "key_file");
    private static final Set<String> LIMIT_KEYS = Set.of("max_response_bytes", "max_event_bytes", "max_stream_bytes",
            "max_stream_events", "max_stream_seconds");

    private UpstreamHttpOptions() {
    }

    /**
     * @return the client options the entry asks for
     * @throws IllegalArgumentException naming the key, when a setting is unusable
     */
    public static HttpClientOptions of(UpstreamSettings settings) {
        Map<String, Object> options = settings.options();
        HttpClientOptions.Builder builder = HttpClientOptions.builder()
                .connectTimeout(settings.timeout())
                .readTimeout(settings.timeout());
        Object proxy = options.get("proxy");
        if (proxy != null) {
            String value = proxy.toString().trim();
            if (value.equalsIgnoreCase("none")) {
                builder.directConnection();
            } else {
                try {
                    builder.proxy(URI.create(value));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("'proxy' must be an http://host:port URL or none, not '"
                            + value + "'");
                }
            }
        }
        Map<String, Object> tls = section(options, "tls", TLS_KEYS);
        if (tls.containsKey("ca_file")) {
            builder.trustedCertificates(Path.of(tls.get("ca_file").toString()));
        }
        if (tls.containsKey("cert_file") != tls.containsKey("key_file")) {
            throw new IllegalArgumentException("'tls' needs both cert_file and key_file for a client certificate");
        }
        if (tls.containsKey("cert_file")) {
            builder.clientCertificate(Path.of(tls.get("cert_file").toString()),
                    Path.of(tls.get("key_file").toString()));
        }
        Map<String, Object> limits = section(options, "limits", LIMIT_KEYS);
        limit(limits, "max_response_bytes", builder::maxResponseBytes);
        limit(limits, "max_event_bytes", builder::maxEventBytes);
        limit(limits, "max_stream_bytes", builder::maxStreamBytes);
        limit(limits, "max_stream_events", builder::maxStreamEvents);
        limit(limits, "max_stream_seconds", seconds -> builder.maxStreamDuration(Duration.ofSeconds(seconds)));
        return builder.build();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> section(Map<String, Object> options, String key, Set<String> known) {
        Object value = options.get(key);
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("'" + key + "' must be a mapping of " + known);
        }
        for (Object name : map.keySet()) {
            if (!known.contains(String.valueOf(name))) {
                throw new IllegalArgumentException("'" + key + "." + name + "' is not a known setting (known: "
                        + known + ")");
            }
        }
        return (Map<String, Object>) map;
    }

    private static void limit(Map<String, Object> limits, String key, java.util.function.LongConsumer set) {
        Object value = limits.get(key);
        if (value == null) {
            return;
        }
        long number;
        if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            number = n.longValue();
        } else {
            throw new IllegalArgumentException("'limits." + key + "' must be a whole number, not '" + value + "'");
        }
        if (number < 1) {
            throw new IllegalArgumentException("'limits." + key + "' must be at least 1, not " + number);
        }
        set.accept(number);
    }
}
