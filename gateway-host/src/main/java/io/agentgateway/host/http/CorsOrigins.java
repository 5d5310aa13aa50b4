package io.agentgateway.host.http;

import io.helidon.webserver.cors.CorsFeature;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code GATEWAY_CORS_ORIGINS}: the browser origins (comma-separated, or {@code *}) that may call the gateway, so
 * that a chat UI served elsewhere can use it. Preflights are answered before the key check (browsers send them
 * without credentials); the headers OpenAI clients send, keys included, are allowed.
 */
public final class CorsOrigins {

    private static final Set<String> ALLOWED_HEADERS =
            Set.of("Authorization", "x-api-key", "Content-Type", "x-request-id", "OpenAI-Organization",
                    "OpenAI-Project", "x-stainless-arch", "x-stainless-lang", "x-stainless-os",
                    "x-stainless-package-version", "x-stainless-runtime", "x-stainless-runtime-version",
                    "x-stainless-retry-count", "x-stainless-timeout");
    private static final Set<String> EXPOSED_HEADERS = Set.of("x-request-id", "Retry-After");

    private CorsOrigins() {
    }

    /** @return the server feature answering CORS for {@code origins} on every route, or empty when there are none */
    public static Optional<CorsFeature> feature(List<String> origins) {
        if (origins.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(CorsFeature.builder()
                .addDefaults(false)
                .pathsDiscoverServices(false)
                .addPath(path -> path.pathPattern("/*")
                        .allowOrigins(Set.copyOf(origins))
                        .allowMethods(Set.of("GET", "POST", "DELETE", "OPTIONS"))
                        .allowHeaders(ALLOWED_HEADERS)
                        .exposeHeaders(EXPOSED_HEADERS)
                        .maxAge(Duration.ofMinutes(10)))
                .build());
    }
}
