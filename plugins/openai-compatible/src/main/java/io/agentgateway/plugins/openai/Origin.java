package io.agentgateway.plugins.openai;

import java.net.URI;
import java.util.Locale;

/**
 * Where an upstream lives: scheme, host and port of its base URL. Every call of one upstream goes to this origin, so
 * connections to it can be pooled and reused.
 *
 * @param tls whether to speak TLS (https)
 * @param host the host name or address, as the base URL names it
 * @param port the port, the scheme's default when the URL gives none
 * @param prefix {@code scheme://authority} exactly as request URLs built from the base URL begin
 */
record Origin(boolean tls, String host, int port, String prefix) {

    /** @throws IllegalArgumentException when the URL is not an absolute http(s) URL with a host */
    static Origin of(String baseUrl) {
        URI uri = URI.create(baseUrl);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new IllegalArgumentException("not an http(s) URL with a host");
        }
        boolean tls = scheme.equals("https");
        int port = uri.getPort() != -1 ? uri.getPort() : tls ? 443 : 80;
        String prefix = baseUrl.substring(0, baseUrl.indexOf(uri.getRawAuthority()) + uri.getRawAuthority().length());
        return new Origin(tls, uri.getHost(), port, prefix);
    }

    /** The value of the {@code Host} header: the port is named only when it is not the scheme's default. */
    String hostHeader() {
        String name = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return port == (tls ? 443 : 80) ? name : name + ":" + port;
    }

    /**
     * The request target (path and query) of a URL on this origin.
     *
     * @throws IllegalArgumentException for a URL on another origin
     */
    String target(String url) {
        if (!url.regionMatches(true, 0, prefix, 0, prefix.length())) {
            throw new IllegalArgumentException("the URL is not on " + prefix);
        }
        String target = url.substring(prefix.length());
        return target.isEmpty() ? "/" : target;
    }
}
