package io.agentgateway.host.http;

import static java.util.Objects.requireNonNull;

import io.agentgateway.host.Json;
import io.agentgateway.host.config.ConfigException;
import io.agentgateway.host.config.CurrentSecurity;
import io.agentgateway.host.observe.EventLog;
import io.agentgateway.host.security.ApiKey;
import io.agentgateway.host.security.Glob;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code POST /security/refresh}: puts security.yaml in force again without a restart. Admin keys only. */
public final class SecurityService implements HttpService {

    private final CurrentSecurity security;

    public SecurityService(CurrentSecurity security) {
        this.security = requireNonNull(security, "security is null");
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/refresh", this::refresh);
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
