package io.agentgateway.httpclient;

import io.agentgateway.api.http.HttpClientOptions;
import io.helidon.webclient.api.Proxy;
import java.net.InetAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Which proxy a call goes through. A proxy named in the options carries every call. Otherwise the environment decides,
 * as curl and most HTTP clients read it: {@code HTTPS_PROXY} for https URLs, {@code HTTP_PROXY} for http URLs (either
 * in lower case too, lower case first), and {@code NO_PROXY}, a comma-separated list of hosts that go direct: a name
 * matches itself and its subdomains ({@code example.com} and {@code .example.com} both match {@code api.example.com}),
 * an address matches itself, {@code *} matches everything. Loopback addresses and {@code localhost} always go direct:
 * a local model server is never behind the corporate proxy.
 */
final class ProxyRoutes {

    private final Proxy forHttps;
    private final Proxy forHttp;
    /** Null when a proxy named in the options carries every call, loopback included. */
    private final List<String> noProxy;

    private ProxyRoutes(Proxy forHttps, Proxy forHttp, List<String> noProxy) {
        this.forHttps = forHttps;
        this.forHttp = forHttp;
        this.noProxy = noProxy;
    }

    /**
     * @param env the process environment (or a test's)
     * @throws IllegalArgumentException when a proxy URL is not {@code http://host:port}
     */
    static ProxyRoutes of(HttpClientOptions options, Function<String, String> env) {
        if (options.proxy().isPresent()) {
            Proxy proxy = proxy(options.proxy().get(), "proxy");
            return new ProxyRoutes(proxy, proxy, null);
        }
        if (!options.proxyFromEnvironment()) {
            return new ProxyRoutes(Proxy.noProxy(), Proxy.noProxy(), List.of());
        }
        String https = variable(env, "https_proxy");
        String http = variable(env, "http_proxy");
        List<String> noProxy = new ArrayList<>();
        String exempt = variable(env, "no_proxy");
        if (exempt != null) {
            for (String entry : exempt.split(",")) {
                String host = entry.trim().toLowerCase(Locale.ROOT);
                if (!host.isEmpty()) {
                    noProxy.add(host.startsWith(".") ? host.substring(1) : host);
                }
            }
        }
        return new ProxyRoutes(https == null ? Proxy.noProxy() : proxy(parse(https, "HTTPS_PROXY"), "HTTPS_PROXY"),
                http == null ? Proxy.noProxy() : proxy(parse(http, "HTTP_PROXY"), "HTTP_PROXY"), List.copyOf(noProxy));
    }

    /** @return the proxy for a call to {@code uri}, or {@link Proxy#noProxy()} to connect directly */
    Proxy forUri(URI uri) {
        Proxy proxy = "https".equalsIgnoreCase(uri.getScheme()) ? forHttps : forHttp;
        if (proxy.type() == Proxy.ProxyType.NONE || noProxy != null && direct(uri.getHost())) {
            return Proxy.noProxy();
        }
        return proxy;
    }

    private boolean direct(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        if (name.startsWith("[") && name.endsWith("]")) {
            name = name.substring(1, name.length() - 1);
        }
        if (name.equals("localhost") || name.endsWith(".localhost") || loopbackLiteral(name)) {
            return true;
        }
        for (String exempt : noProxy) {
            String bare = exempt.contains(":") && !exempt.contains("::") ? exempt.substring(0, exempt.indexOf(':'))
                    : exempt;
            if (bare.equals("*") || name.equals(bare) || name.endsWith("." + bare)) {
                return true;
            }
        }
        return false;
    }

    /** A literal loopback address; a name is not resolved here (that would cost a lookup per call). */
    private static boolean loopbackLiteral(String host) {
        if (!host.matches("[0-9.]+|[0-9a-f:]+")) {
            return false;
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    private static String variable(Function<String, String> env, String lowerName) {
        String value = env.apply(lowerName);
        if (value == null || value.isBlank()) {
            value = env.apply(lowerName.toUpperCase(Locale.ROOT));
        }
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** Proxy variables often leave out the scheme ({@code proxy.corp:3128}). */
    private static URI parse(String value, String name) {
        try {
            return URI.create(value.contains("://") ? value : "http://" + value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " is not a URL", e);
        }
    }

    private static Proxy proxy(URI url, String name) {
        if (!"http".equalsIgnoreCase(url.getScheme()) || url.getHost() == null) {
            throw new IllegalArgumentException(name + " must be an http://host:port URL (an HTTP proxy)");
        }
        Proxy.Builder builder = Proxy.builder().type(Proxy.ProxyType.HTTP).host(url.getHost())
                .port(url.getPort() == -1 ? 80 : url.getPort());
        String userInfo = url.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            builder.username(decode(colon < 0 ? userInfo : userInfo.substring(0, colon)));
            if (colon >= 0) {
                builder.password(decode(userInfo.substring(colon + 1)).toCharArray());
            }
        }
        return builder.build();
    }

    private static String decode(String text) {
        return java.net.URLDecoder.decode(text.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
    }
}
