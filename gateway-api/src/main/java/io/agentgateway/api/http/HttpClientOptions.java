package io.agentgateway.api.http;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * How a client made by {@link io.agentgateway.api.PluginContext#httpClient(HttpClientOptions)} connects. Whatever is
 * left unset takes the host's default: connect and read timeouts of 30 s, the proxy named by the
 * {@code HTTPS_PROXY}/{@code HTTP_PROXY}/{@code NO_PROXY} environment variables, the JVM's trusted certificates, no
 * client certificate, and the host's configured limits on what a server may send.
 */
public final class HttpClientOptions {

    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final URI proxy;
    private final boolean proxyFromEnvironment;
    private final Path trustedCertificates;
    private final Path clientCertificate;
    private final Path clientKey;
    private final Long maxResponseBytes;
    private final Long maxEventBytes;
    private final Long maxStreamBytes;
    private final Long maxStreamEvents;
    private final Duration maxStreamDuration;

    private HttpClientOptions(Builder b) {
        this.connectTimeout = b.connectTimeout;
        this.readTimeout = b.readTimeout;
        this.proxy = b.proxy;
        this.proxyFromEnvironment = b.proxyFromEnvironment;
        this.trustedCertificates = b.trustedCertificates;
        this.clientCertificate = b.clientCertificate;
        this.clientKey = b.clientKey;
        this.maxResponseBytes = b.maxResponseBytes;
        this.maxEventBytes = b.maxEventBytes;
        this.maxStreamBytes = b.maxStreamBytes;
        this.maxStreamEvents = b.maxStreamEvents;
        this.maxStreamDuration = b.maxStreamDuration;
    }

    /** @return options with every default */
    public static HttpClientOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** @return how long connecting (with the TLS handshake and any proxy tunnel) may take, unless the host's default */
    public Optional<Duration> connectTimeout() {
        return Optional.ofNullable(connectTimeout);
    }

    /** @return how long each wait for more of an answer may take, unless the host's default */
    public Optional<Duration> readTimeout() {
        return Optional.ofNullable(readTimeout);
    }

    /** @return the proxy every call goes through, when one was named */
    public Optional<URI> proxy() {
        return Optional.ofNullable(proxy);
    }

    /** @return whether the environment's proxy variables decide (true unless a proxy or a direct connection was set) */
    public boolean proxyFromEnvironment() {
        return proxyFromEnvironment;
    }

    /** @return a PEM file of the certificates to trust instead of the JVM's, if set */
    public Optional<Path> trustedCertificates() {
        return Optional.ofNullable(trustedCertificates);
    }

    /** @return a PEM file with the client certificate chain presented to servers that ask, if set */
    public Optional<Path> clientCertificate() {
        return Optional.ofNullable(clientCertificate);
    }

    /** @return the PEM file (PKCS#8) with the client certificate's private key, if set */
    public Optional<Path> clientKey() {
        return Optional.ofNullable(clientKey);
    }

    /** @return the most bytes one answer that is not an event stream may have, unless the host's default */
    public OptionalLong maxResponseBytes() {
        return optional(maxResponseBytes);
    }

    /** @return the most bytes one server-sent event may have, unless the host's default */
    public OptionalLong maxEventBytes() {
        return optional(maxEventBytes);
    }

    /** @return the most bytes one event stream may have in all, unless the host's default */
    public OptionalLong maxStreamBytes() {
        return optional(maxStreamBytes);
    }

    /** @return the most events one event stream may have, unless the host's default */
    public OptionalLong maxStreamEvents() {
        return optional(maxStreamEvents);
    }

    /** @return how long one event stream may last, unless the host's default */
    public Optional<Duration> maxStreamDuration() {
        return Optional.ofNullable(maxStreamDuration);
    }

    private static OptionalLong optional(Long value) {
        return value == null ? OptionalLong.empty() : OptionalLong.of(value);
    }

    /** Builds {@link HttpClientOptions}. */
    public static final class Builder {

        private Duration connectTimeout;
        private Duration readTimeout;
        private URI proxy;
        private boolean proxyFromEnvironment = true;
        private Path trustedCertificates;
        private Path clientCertificate;
        private Path clientKey;
        private Long maxResponseBytes;
        private Long maxEventBytes;
        private Long maxStreamBytes;
        private Long maxStreamEvents;
        private Duration maxStreamDuration;

        private Builder() {
        }

        public Builder connectTimeout(Duration limit) {
            this.connectTimeout = positive(limit, "connectTimeout");
            return this;
        }

        public Builder readTimeout(Duration limit) {
            this.readTimeout = positive(limit, "readTimeout");
            return this;
        }

        /** Sends every call through this HTTP proxy ({@code http://host:port}); https calls tunnel with CONNECT. */
        public Builder proxy(URI httpProxy) {
            requireNonNull(httpProxy, "httpProxy is null");
            String scheme = httpProxy.getScheme() == null ? "" : httpProxy.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") || httpProxy.getHost() == null) {
                throw new IllegalArgumentException("a proxy must be an http://host:port URL: " + httpProxy);
            }
            this.proxy = httpProxy;
            this.proxyFromEnvironment = false;
            return this;
        }

        /** Connects directly, whatever the environment's proxy variables say. */
        public Builder directConnection() {
            this.proxy = null;
            this.proxyFromEnvironment = false;
            return this;
        }

        /** Trusts the certificates in this PEM file instead of the JVM's. */
        public Builder trustedCertificates(Path pemFile) {
            this.trustedCertificates = requireNonNull(pemFile, "pemFile is null");
            return this;
        }

        /** Presents this client certificate chain and its PKCS#8 private key (PEM files) to servers that ask. */
        public Builder clientCertificate(Path certificateChainPem, Path privateKeyPem) {
            this.clientCertificate = requireNonNull(certificateChainPem, "certificateChainPem is null");
            this.clientKey = requireNonNull(privateKeyPem, "privateKeyPem is null");
            return this;
        }

        public Builder maxResponseBytes(long bytes) {
            this.maxResponseBytes = atLeastOne(bytes, "maxResponseBytes");
            return this;
        }

        public Builder maxEventBytes(long bytes) {
            this.maxEventBytes = atLeastOne(bytes, "maxEventBytes");
            return this;
        }

        public Builder maxStreamBytes(long bytes) {
            this.maxStreamBytes = atLeastOne(bytes, "maxStreamBytes");
            return this;
        }

        public Builder maxStreamEvents(long events) {
            this.maxStreamEvents = atLeastOne(events, "maxStreamEvents");
            return this;
        }

        public Builder maxStreamDuration(Duration limit) {
            this.maxStreamDuration = positive(limit, "maxStreamDuration");
            return this;
        }

        public HttpClientOptions build() {
            return new HttpClientOptions(this);
        }

        private static Duration positive(Duration limit, String name) {
            if (limit == null || !limit.isPositive()) {
                throw new IllegalArgumentException(name + " must be positive: " + limit);
            }
            return limit;
        }

        private static long atLeastOne(long value, String name) {
            if (value < 1) {
                throw new IllegalArgumentException(name + " must be at least 1: " + value);
            }
            return value;
        }
    }
}
