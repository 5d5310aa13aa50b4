package io.agentgateway.httpclient;

import static java.util.Objects.requireNonNull;

import io.agentgateway.api.http.HttpClient;
import io.agentgateway.api.http.HttpClientOptions;
import io.agentgateway.api.upstream.UpstreamSettings;
import io.helidon.metrics.api.MeterRegistry;
import java.time.Duration;
import java.util.function.Function;

/**
 * Makes the host's HTTP clients, for plugins, upstreams and HTTP tools alike, so that every outgoing call has the same
 * pooling, proxies, TLS handling, limits and metrics.
 */
public final class HttpClients {

    /** Connect and read timeout of a client whose options set none. */
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final HttpClientMetrics metrics;
    private final Function<String, String> env;
    private final ClientLimits defaultLimits;
    private final CallDeadlines deadlines = new CallDeadlines();

    /**
     * @param meters where the per-host meters go
     * @param env the environment the proxy variables are read from
     * @param defaultLimits the limits of a client whose options set none
     */
    public HttpClients(MeterRegistry meters, Function<String, String> env, ClientLimits defaultLimits) {
        this.metrics = new HttpClientMetrics(meters);
        this.env = requireNonNull(env, "env is null");
        this.defaultLimits = requireNonNull(defaultLimits, "defaultLimits is null");
    }

    /** @throws IllegalArgumentException when a proxy, certificate or key setting cannot be used */
    public HttpClient create(HttpClientOptions options) {
        return create(options, HostHttpClient.AddressCheck.NONE);
    }

    /** A client for one upstreams.yaml entry: its proxy, TLS, limits and timeout. */
    public HttpClient forUpstream(UpstreamSettings settings) {
        try {
            return create(UpstreamHttpOptions.of(settings));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("upstream '" + settings.name() + "': " + e.getMessage(), e);
        }
    }

    HttpClient create(HttpClientOptions options, HostHttpClient.AddressCheck addressCheck) {
        return new HostHttpClient(options.connectTimeout().orElse(DEFAULT_TIMEOUT),
                options.readTimeout().orElse(DEFAULT_TIMEOUT), ProxyRoutes.of(options, env), TlsFiles.of(options),
                defaultLimits.overriddenBy(options), deadlines, metrics, addressCheck);
    }
}
