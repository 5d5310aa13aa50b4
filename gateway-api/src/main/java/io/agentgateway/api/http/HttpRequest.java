package io.agentgateway.api.http;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP request: method, URL, headers, an optional body, and how long the whole call may take. Immutable; build it
 * with {@link #get(URI)}, {@link #post(URI, byte[], String)} or {@link #builder(String, URI)}.
 */
public final class HttpRequest {

    private final String method;
    private final URI uri;
    private final Map<String, List<String>> headers;
    private final byte[] body;
    private final Duration timeout;

    private HttpRequest(Builder builder) {
        this.method = builder.method;
        this.uri = builder.uri;
        Map<String, List<String>> copy = new LinkedHashMap<>();
        builder.headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        this.headers = Collections.unmodifiableMap(copy);
        this.body = builder.body;
        this.timeout = builder.timeout;
    }

    /** @return a GET request builder for {@code uri} */
    public static Builder get(URI uri) {
        return builder("GET", uri);
    }

    /** @return a POST request builder for {@code uri} with {@code body} sent as {@code contentType} */
    public static Builder post(URI uri, byte[] body, String contentType) {
        return builder("POST", uri).body(body).header("Content-Type", contentType);
    }

    /** @return a builder for any method ({@code GET}, {@code POST}, {@code PUT}, ...) */
    public static Builder builder(String method, URI uri) {
        return new Builder(method, uri);
    }

    /** @return the method in upper case, e.g. {@code POST} */
    public String method() {
        return method;
    }

    /** @return the absolute http or https URL */
    public URI uri() {
        return uri;
    }

    /** @return the headers in the order they were added; names as given */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /** @return the body, or null for none; the array is shared, not copied */
    public byte[] body() {
        return body;
    }

    /** @return how long the whole call may take, body included; empty when only the client's limits apply */
    public Optional<Duration> timeout() {
        return Optional.ofNullable(timeout);
    }

    @Override
    public String toString() {
        // Headers stay out: they may carry credentials.
        return method + " " + uri;
    }

    /** Builds a {@link HttpRequest}. */
    public static final class Builder {

        private final String method;
        private final URI uri;
        private final Map<String, List<String>> headers = new LinkedHashMap<>();
        private byte[] body;
        private Duration timeout;

        private Builder(String method, URI uri) {
            this.method = requireNonNull(method, "method is null").toUpperCase(Locale.ROOT);
            this.uri = requireNonNull(uri, "uri is null");
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                throw new IllegalArgumentException("not an absolute http(s) URL with a host: " + uri);
            }
        }

        /** Adds a header value; a name given twice sends both values. */
        public Builder header(String name, String value) {
            headers.computeIfAbsent(checked(name), n -> new ArrayList<>()).add(checked(value));
            return this;
        }

        /** Sets the body, sent with its length; the array is not copied. */
        public Builder body(byte[] content) {
            this.body = requireNonNull(content, "content is null");
            return this;
        }

        /**
         * Bounds the whole call, from sending to the body's last byte: each wait for the answer is cut to this limit,
         * and a body still being read past it fails at the next read ({@link java.net.SocketTimeoutException}). Null
         * for no bound beyond the client's read timeout.
         */
        public Builder timeout(Duration limit) {
            if (limit != null && !limit.isPositive()) {
                throw new IllegalArgumentException("timeout must be positive: " + limit);
            }
            this.timeout = limit;
            return this;
        }

        public HttpRequest build() {
            return new HttpRequest(this);
        }

        /** A line break in a header would let its value write headers of its own. */
        private static String checked(String text) {
            requireNonNull(text, "a header name or value is null");
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\r' || c == '\n' || c == 0) {
                    throw new IllegalArgumentException("a header name or value contains a line break");
                }
            }
            return text;
        }
    }
}
