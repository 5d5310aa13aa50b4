package io.agentgateway.httpclient;

import static java.util.Objects.requireNonNull;

import io.agentgateway.api.http.HttpClient;
import io.agentgateway.api.http.HttpClientOptions;
import io.agentgateway.api.upstream.UpstreamSettings;
import io.helidon.metrics.api.MeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
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
        return create(options, AddressCheck.NONE);
    }

    /** A client for one upstreams.yaml entry: its proxy, TLS, limits and timeout. */
    public HttpClient forUpstream(UpstreamSettings settings) {
        try {
            return create(UpstreamHttpOptions.of(settings));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("upstream '" + settings.name() + "': " + e.getMessage(), e);
        }
    }

    /**
     * @return the proxies of the environment (HTTPS_PROXY, HTTP_PROXY, NO_PROXY, loopback direct) as the JDK's HTTP
     *     client takes them, for libraries that bring their own client (the MCP SDK)
     */
    public ProxySelector environmentProxies() {
        ProxyRoutes routes = ProxyRoutes.of(HttpClientOptions.defaults(), env);
        return new ProxySelector() {
            @Override
            public List<java.net.Proxy> select(URI uri) {
                io.helidon.webclient.api.Proxy proxy = routes.forUri(uri);
                return proxy.type() == io.helidon.webclient.api.Proxy.ProxyType.NONE ? List.of(java.net.Proxy.NO_PROXY)
                        : List.of(new java.net.Proxy(java.net.Proxy.Type.HTTP,
                                InetSocketAddress.createUnresolved(proxy.host(), proxy.port())));
            }

            @Override
            public void connectFailed(URI uri, SocketAddress address, IOException failure) {
                // the call fails with this failure; there is no other proxy to try
            }
        };
    }

    /** A client that puts every call's URL to {@code addressCheck} first (the HTTP tools' guard, for example). */
    public HttpClient create(HttpClientOptions options, AddressCheck addressCheck) {
        return HostHttpClient.withHostLoader(() -> new HostHttpClient(options.connectTimeout().orElse(DEFAULT_TIMEOUT),
                options.readTimeout().orElse(DEFAULT_TIMEOUT), ProxyRoutes.of(options, env), TlsFiles.of(options),
                defaultLimits.overriddenBy(options), metrics, addressCheck));
    }
}
