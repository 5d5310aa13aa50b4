package io.agentgateway.host.http;

import io.agentgateway.host.config.HttpEdgeLimits;
import io.agentgateway.host.openai.GatewayException;
import io.agentgateway.host.security.ApiKey;
import io.agentgateway.host.security.ApiKeyStore;
import io.agentgateway.host.security.Overrides;
import io.agentgateway.host.security.RateLimiter;
import io.agentgateway.host.security.WrongKeyLimiter;
import io.helidon.http.HeaderNames;
import java.security.MessageDigest;
import io.helidon.http.Method;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

/**
 * Checks the key every request presents ({@code Authorization: Bearer <key>}, as every OpenAI SDK sends it, or
 * {@code x-api-key}), its expiry, its rate limit, and the admin scope on admin routes; an address that sent too many
 * wrong keys in a row is refused for a while ({@link WrongKeyLimiter}). Health checks and CORS
 * preflights need no key, and neither do the pages that describe the API ({@code /openapi}, {@code /docs}) or the
 * console's page: they hold no data, and the console asks for a key before it shows any.
 */
public final class ApiKeyFilter implements Filter {

    private static final List<String> PUBLIC = List.of("/", "/health", "/ready", "/openapi", "/docs", "/console");
    private static final List<String> PUBLIC_FOLDERS = List.of("/docs/", "/console/");
    private static final List<String> ADMIN_PREFIXES =
            List.of("/agents", "/upstreams", "/tools", "/security", "/plugins", "/metrics", "/usage", "/audit",
                    "/requests");

    private final Supplier<ApiKeyStore> keys;
    private final RateLimiter rateLimiter;
    private final WrongKeyLimiter wrongKeys;
    private final Clock clock;
    private final Overrides overrides;
    private final ApiKey metricsKey;

    /**
     * @param keys the current keys; a supplier so that a reload of security.yaml takes effect at once
     * @param limits how many wrong keys one address may send before it is refused, and for how long
     */
    public ApiKeyFilter(Supplier<ApiKeyStore> keys, HttpEdgeLimits limits, Clock clock) {
        this(keys, limits, clock, new Overrides(clock));
    }

    /** @param overrides temporary allow rules, added to a key's own when it is authenticated */
    public ApiKeyFilter(Supplier<ApiKeyStore> keys, HttpEdgeLimits limits, Clock clock, Overrides overrides) {
        this(keys, limits, clock, overrides, null);
    }

    /**
     * @param metricsKey the key that may read {@code /metrics} and {@code /metrics/prometheus} and nothing else
     *     ({@code GATEWAY_METRICS_KEY}), or null
     */
    public ApiKeyFilter(Supplier<ApiKeyStore> keys, HttpEdgeLimits limits, Clock clock, Overrides overrides,
            ApiKey metricsKey) {
        this.keys = keys;
        this.clock = clock;
        this.rateLimiter = new RateLimiter(clock);
        this.wrongKeys = new WrongKeyLimiter(limits.maxKeyFailures(), limits.keyLockout(), clock);
        this.overrides = overrides;
        this.metricsKey = metricsKey;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        String path = req.path().path();
        if (isPublic(path) || isCorsPreflight(req)) {
            chain.proceed();
            return;
        }
        try {
            ApiKey key = authenticate(req, res);
            RequestScope.of(req).key(key);
            if (!key.admin() && isAdmin(path)) {
                throw new GatewayException(403, "permission_error", "admin_required", null,
                        "This route needs an admin key: set 'admin: true' on a key in security.yaml.");
            }
            long retryAfter = rateLimiter.acquire(key);
            if (retryAfter > 0) {
                res.header(HeaderNames.RETRY_AFTER, Long.toString(retryAfter));
                throw new GatewayException(429, "rate_limit_error", "rate_limit_exceeded", null,
                        "Rate limit of " + key.ratePerMinute() + " requests per minute reached for key '"
                                + key.id() + "'. Retry in " + retryAfter + " s.");
            }
        } catch (GatewayException e) {
            ErrorResponses.send(res, e);
            return;
        }
        chain.proceed();
    }

    private ApiKey authenticate(RoutingRequest req, RoutingResponse res) {
        ApiKeyStore store = keys.get();
        java.util.Optional<String> presented = req.headers().first(HeaderNames.AUTHORIZATION)
                .filter(value -> value.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(value -> value.substring(7).trim())
                .or(() -> req.headers().first(HeaderNames.create("x-api-key")).map(String::trim));
        if (store.open()) {
            // auth: none. SDKs insist on sending some key: an unknown one is let in like none; a known one (an
            // admin's) counts, so that admin routes stay reachable to admin keys only.
            return presented.flatMap(store::find).filter(key -> !key.expired(clock.instant())).orElse(ApiKey.OPEN);
        }
        InetAddress client = clientAddress(req);
        long wait = client == null ? 0 : wrongKeys.refusedFor(client);
        if (wait > 0) {
            // The key is not even compared: a right guess must look no different from a wrong one until then.
            res.header(HeaderNames.RETRY_AFTER, Long.toString(wait));
            throw new GatewayException(429, "rate_limit_error", "too_many_wrong_keys", null,
                    "Too many requests with a wrong API key from this address. Retry in " + wait + " s.");
        }
        String secret = presented.orElseThrow(() -> unauthorized("Missing API key. Send it as"
                + " 'Authorization: Bearer <key>' or 'x-api-key: <key>'."));
        ApiKey key = store.find(secret).orElse(null);
        if (key == null && metricsKey != null && isMetrics(req.path().path())
                && MessageDigest.isEqual(metricsKey.secretSha256(), ApiKeyStore.sha256(secret))) {
            key = metricsKey; // GATEWAY_METRICS_KEY: the metrics routes, and nothing else
        }
        if (key == null) {
            if (client != null) {
                wrongKeys.failed(client);
            }
            throw unauthorized("Incorrect API key provided.");
        }
        if (client != null) {
            wrongKeys.succeeded(client);
        }
        if (key.expired(clock.instant())) {
            throw unauthorized("The API key '" + key.id() + "' expired at " + key.expiresAt() + ".");
        }
        return overrides.apply(key);
    }

    /**
     * Browsers send CORS preflights without credentials, by specification; they reach nothing but the CORS handler
     * (GATEWAY_CORS_ORIGINS), or no route at all when CORS is off.
     */
    private static boolean isCorsPreflight(RoutingRequest req) {
        return req.prologue().method() == Method.OPTIONS
                && req.headers().contains(HeaderNames.ORIGIN)
                && req.headers().contains(HeaderNames.ACCESS_CONTROL_REQUEST_METHOD);
    }

    private static InetAddress clientAddress(RoutingRequest req) {
        return req.remotePeer().address() instanceof InetSocketAddress address ? address.getAddress() : null;
    }

    private static boolean isPublic(String path) {
        return PUBLIC.contains(path) || PUBLIC_FOLDERS.stream().anyMatch(path::startsWith);
    }

    private static boolean isMetrics(String path) {
        return path.equals("/metrics") || path.equals("/metrics/prometheus");
    }

    /** @return whether {@code path} is an admin route: admin keys only, audited when it acts ({@link AdminAudit}) */
    static boolean isAdmin(String path) {
        for (String prefix : ADMIN_PREFIXES) {
            if (path.startsWith(prefix)
                    && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/')) {
                return true;
            }
        }
        return false;
    }

    private static GatewayException unauthorized(String message) {
        return new GatewayException(401, "invalid_request_error", "invalid_api_key", null, message);
    }
}
