package io.agentgateway.host.http;

import static java.util.Objects.requireNonNull;

import io.agentgateway.host.config.ConfigException;
import io.agentgateway.host.json.Json;
import io.agentgateway.host.observe.EventLog;
import io.agentgateway.host.openai.GatewayException;
import io.agentgateway.host.openai.RequestBodyParser;
import io.agentgateway.host.security.AccessDecision;
import io.agentgateway.host.security.ApiKey;
import io.agentgateway.host.security.CurrentSecurity;
import io.agentgateway.host.security.Glob;
import io.agentgateway.host.security.Overrides;
import io.agentgateway.host.security.ToolAccessRules;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Admin routes over security.yaml: {@code POST /security/refresh} puts the file in force again without a restart;
 * {@code POST /security/preview} tells whether a key would reach a model (and a tool), and which rule decides;
 * {@code POST /security/override} lets a key use more models for a while ({@code ttl_seconds}).
 */
public final class SecurityService implements HttpService {

    /** The longest an override may last: a week. Longer belongs in security.yaml. */
    static final long MAX_TTL_SECONDS = 7 * 24 * 3600;

    private final CurrentSecurity security;
    private final Clock clock;
    private final Overrides overrides;
    private final RequestBodyParser parser;

    /**
     * @param overrides the temporary allow rules, the same the key filter applies
     * @param maxBodyBytes the largest body read ({@code GATEWAY_MAX_BODY_BYTES}), as on the OpenAI routes
     */
    public SecurityService(CurrentSecurity security, Clock clock, Overrides overrides, long maxBodyBytes) {
        this.security = requireNonNull(security, "security is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.overrides = requireNonNull(overrides, "overrides is null");
        this.parser = new RequestBodyParser(maxBodyBytes);
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/refresh", this::refresh);
        rules.post("/preview", this::preview);
        rules.post("/override", this::override);
    }

    private void override(ServerRequest req, ServerResponse res) {
        Map<String, Object> body = jsonBody(req);
        String keyId = text(body, "key_id", true);
        String allow = body.containsKey("model") ? text(body, "model", true) : text(body, "agent", true);
        Object ttl = body.get("ttl_seconds");
        if (!(ttl instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.longValue() < 1
                || n.longValue() > MAX_TTL_SECONDS) {
            throw GatewayException.badRequest("ttl_seconds", "'ttl_seconds' must be a whole number of seconds from 1"
                    + " to " + MAX_TTL_SECONDS + " (a week); lasting rules belong in security.yaml.");
        }
        AdminAudit.target(req, keyId + " -> " + allow);
        CurrentSecurity.Rules rules = security.rules();
        if (rules.keys().open() || rules.keys().byId(keyId).isEmpty()) {
            throw new GatewayException(404, "invalid_request_error", "key_not_found", "key_id",
                    "No key with id '" + keyId + "' in security.yaml.");
        }
        Overrides.Grant grant = overrides.grant(keyId, allow, java.time.Duration.ofSeconds(n.longValue()));
        EventLog.info("agent.security.override", "request_id", RequestScope.of(req).requestId(), "key_id", keyId,
                "allow", allow, "expires_at", grant.expiresAt().toString());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("key_id", keyId);
        out.put("allow", allow);
        out.put("expires_at", grant.expiresAt().toString());
        out.put("active", overrides.active(keyId).stream().map(active -> Map.of("allow", active.allow().pattern(),
                "expires_at", active.expiresAt().toString())).toList());
        send(res, out);
    }

    private void preview(ServerRequest req, ServerResponse res) {
        Map<String, Object> body = jsonBody(req);
        String keyId = text(body, "key_id", true);
        String model = text(body, "model", true);
        String tool = text(body, "tool", false);
        AccessDecision decision = decide(security.rules(), keyId, model, tool);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("allowed", decision.allowed());
        out.put("reason", decision.reason());
        out.put("key_id", keyId);
        out.put("model", model);
        out.put("tool", tool);
        send(res, out);
    }

    /** The checks a chat request (and a tool call of the agent behind it) goes through, in the same order. */
    private AccessDecision decide(CurrentSecurity.Rules rules, String keyId, String model, String tool) {
        ApiKey key = rules.keys().byId(keyId).map(overrides::apply).or(() -> rules.keys().open()
                ? java.util.Optional.of(ApiKey.OPEN) : java.util.Optional.empty()).orElseThrow(() ->
                new GatewayException(404, "invalid_request_error", "key_not_found", "key_id",
                        "No key with id '" + keyId + "' in security.yaml."));
        if (key.expired(clock.instant())) {
            return new AccessDecision(false, "key '" + keyId + "' expired at " + key.expiresAt());
        }
        AccessDecision modelAccess = key == ApiKey.OPEN
                ? new AccessDecision(true, "security.yaml says 'auth: none', so a request without a key may use"
                        + " every model")
                : key.modelAccess(model);
        if (!modelAccess.allowed() || tool == null) {
            return modelAccess;
        }
        ToolAccessRules.Decision toolAccess = rules.tools().check(tool, key.id(), model);
        return toolAccess.allowed()
                ? new AccessDecision(true, modelAccess.reason() + "; tool '" + tool + "' is allowed by the tool rules")
                : new AccessDecision(false, "tool '" + tool + "' is " + toolAccess.reason());
    }

    /**
     * Read like every other JSON body, bounded by the same limit (a larger one is the same 413), so a key sent twice
     * or text after the object gets the same 400.
     */
    private Map<String, Object> jsonBody(ServerRequest req) {
        byte[] bytes = parser.read(req.content().inputStream(), req.headers().contentLength().orElse(-1));
        Map<String, Object> body;
        try {
            body = RequestBodyParser.strictObject(bytes);
        } catch (IOException e) {
            body = null; // not JSON
        }
        if (body == null) {
            throw GatewayException.badRequest(null, "The body must be a JSON object such as"
                    + " {\"key_id\": \"dev\", \"model\": \"default/assistant\", \"tool\": \"word_count\"}.");
        }
        return body;
    }

    private static String text(Map<String, Object> body, String field, boolean required) {
        Object value = body.get(field);
        if (value == null && !required) {
            return null;
        }
        if (!(value instanceof String s) || s.isBlank()) {
            throw GatewayException.badRequest(field, "'" + field + "' must be a non-empty string.");
        }
        return s;
    }

    private void refresh(ServerRequest req, ServerResponse res) {
        CurrentSecurity.Rules fresh;
        try {
            fresh = security.reload();
        } catch (ConfigException e) {
            EventLog.warn("security.refresh", "request_id", RequestScope.of(req).requestId(), "status", "failed",
                    "error", e.getMessage());
            throw GatewayException.badRequest(null, e.getMessage() + " (the previous security config stays in force)");
        }
        EventLog.info("security.refresh", "request_id", RequestScope.of(req).requestId(), "status", "ok",
                "keys", fresh.keys().keys().size());
        send(res, Map.of("object", "list", "data", fresh.keys().keys().stream().map(SecurityService::describe)
                .toList()));
    }

    /** A key as admins may see it: its id and rules, never the secret or its hash. */
    static Map<String, Object> describe(ApiKey key) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("key_id", key.id());
        out.put("allow_agents", patterns(key.allowAgents()));
        out.put("rate_limit_per_minute", key.ratePerMinute());
        out.put("expires_at", key.expiresAt() == null ? null : key.expiresAt().toString());
        out.put("admin", key.admin());
        return out;
    }

    static void send(ServerResponse res, Object body) {
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(Json.write(body));
    }

    static List<String> patterns(List<Glob> globs) {
        return globs.stream().map(Glob::pattern).toList();
    }
}
