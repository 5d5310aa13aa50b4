package io.agentgateway.httpclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.agentgateway.api.http.HttpClientOptions;
import io.helidon.webclient.api.Proxy;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProxyRoutesTest {

    private static final Map<String, String> CORPORATE = Map.of(
            "HTTPS_PROXY", "http://proxy.corp:3128", "http_proxy", "proxy.corp:8080",
            "NO_PROXY", "internal.corp, .lan,10.1.2.3");

    @Test
    void theEnvironmentNamesAProxyPerSchemeAndNoProxyHostsGoDirect() {
        ProxyRoutes routes = ProxyRoutes.of(HttpClientOptions.defaults(), CORPORATE::get);
        assertEquals("proxy.corp:3128", via(routes, "https://api.openai.com/v1"));
        assertEquals("proxy.corp:8080", via(routes, "http://models.example/v1"));
        assertEquals("direct", via(routes, "https://internal.corp/v1"));
        assertEquals("direct", via(routes, "https://gpu.internal.corp/v1"));
        assertEquals("direct", via(routes, "http://box.lan:11434/v1"));
        assertEquals("direct", via(routes, "http://10.1.2.3:8000/v1"));
        assertEquals("proxy.corp:3128", via(routes, "https://notinternal.corp/v1"));
    }

    @Test
    void loopbackAlwaysGoesDirectUnlessAProxyIsNamedInTheOptions() {
        ProxyRoutes environment = ProxyRoutes.of(HttpClientOptions.defaults(), CORPORATE::get);
        assertEquals("direct", via(environment, "http://localhost:11434/v1"));
        assertEquals("direct", via(environment, "http://127.0.0.1:11434/v1"));
        assertEquals("direct", via(environment, "http://[::1]:11434/v1"));

        ProxyRoutes named = ProxyRoutes.of(HttpClientOptions.builder().proxy(URI.create("http://p.corp:3128"))
                .build(), CORPORATE::get);
        assertEquals("p.corp:3128", via(named, "http://127.0.0.1:11434/v1"));
    }

    @Test
    void aDirectConnectionIgnoresTheEnvironmentAndAStarExemptsEverything() {
        assertEquals("direct", via(ProxyRoutes.of(HttpClientOptions.builder().directConnection().build(),
                CORPORATE::get), "https://api.openai.com/v1"));
        assertEquals("direct", via(ProxyRoutes.of(HttpClientOptions.defaults(),
                Map.of("HTTPS_PROXY", "proxy.corp:3128", "no_proxy", "*")::get), "https://api.openai.com/v1"));
        assertEquals("direct", via(ProxyRoutes.of(HttpClientOptions.defaults(), name -> null),
                "https://api.openai.com/v1"));
    }

    @Test
    void aProxyThatIsNotHttpIsRefusedNamingTheVariable() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ProxyRoutes.of(
                HttpClientOptions.defaults(), Map.of("HTTPS_PROXY", "socks5://proxy.corp:1080")::get));
        assertEquals("HTTPS_PROXY must be an http://host:port URL (an HTTP proxy)", e.getMessage());
    }

    private static String via(ProxyRoutes routes, String url) {
        Proxy proxy = routes.forUri(URI.create(url));
        return proxy.type() == Proxy.ProxyType.NONE ? "direct" : proxy.host() + ":" + proxy.port();
    }
}
