package io.agentgateway.host.http;

import io.agentgateway.host.observe.EventLog;
import io.agentgateway.host.openai.GatewayException;
import io.agentgateway.host.store.AuditEvent;
import io.agentgateway.host.store.AuditStore;
import io.agentgateway.host.store.StoreException;
import io.helidon.http.Method;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.http.ServerRequest;
import java.time.Clock;

/**
 * The audit trail of admin actions. Every request on an admin route (see {@link ApiKeyFilter}) other than a read
 * (GET, HEAD, OPTIONS) is an action: refreshes, reloads, previews, overrides, plugin changes, and those refused for
 * want of an admin key. Each is logged as an {@code admin.audit} event and kept in the database (listed by
 * {@code GET /audit}) with the key id, the action (its path, {@code /security/refresh} as
 * {@code security.refresh}), its target, its result ({@code ok}, {@code refused}, {@code failed}), its status and
 * its request id.
 *
 * <p>Admin routes need do nothing to be audited. A route that knows what it acted on names it with
 * {@link #target(ServerRequest, String)}; that is the whole hook.
 */
public final class AdminAudit implements Filter {

    private final AuditStore store;
    private final Clock clock;

    /** @param store where actions are kept, or null to only log them */
    public AdminAudit(AuditStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** What a route said about its action, registered in the request's context while it runs. */
    private static final class Note {
        private volatile String target;
        private volatile String action;
    }

    /**
     * Names what this admin request acts on (a plugin id, a key id, a file) for its audit record.
     * Does nothing outside an audited request.
     */
    public static void target(ServerRequest request, String target) {
        request.context().get(Note.class).ifPresent(note -> note.target = target);
    }

    /** Names the action when its path alone does not say it well (the default is the path, dotted). */
    public static void action(ServerRequest request, String action) {
        request.context().get(Note.class).ifPresent(note -> note.action = action);
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        String path = req.path().path();
        Method method = req.prologue().method();
        if (!ApiKeyFilter.isAdmin(path) || method == Method.GET || method == Method.HEAD
                || method == Method.OPTIONS) {
            chain.proceed();
            return;
        }
        Note note = new Note();
        req.context().register(note);
        int status = 500;
        try {
            chain.proceed();
            status = res.status().code();
        } catch (GatewayException e) {
            status = e.status();
            throw e;
        } finally {
            record(RequestScope.of(req), path, note, status);
        }
    }

    private void record(RequestScope scope, String path, Note note, int status) {
        String keyId = scope.key() == null ? null : scope.key().id();
        String action = note.action != null ? note.action : path.substring(1).replace('/', '.');
        String result = status < 400 ? "ok" : status == 401 || status == 403 ? "refused" : "failed";
        AuditEvent event = new AuditEvent(clock.instant(), scope.requestId(), keyId, action, note.target, result,
                status);
        EventLog.info("admin.audit", "request_id", event.requestId(), "key_id", keyId, "action", action,
                "target", event.target(), "result", result, "status", status);
        if (store != null) {
            try {
                store.add(event);
            } catch (StoreException e) {
                EventLog.error("admin.audit.store_failed", "request_id", event.requestId(), "error", e.getMessage());
            }
        }
    }
}
