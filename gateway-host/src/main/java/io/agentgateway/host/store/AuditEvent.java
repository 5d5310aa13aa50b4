package io.agentgateway.host.store;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * One admin action, as the audit trail keeps it.
 *
 * @param at when it ended
 * @param requestId its request id
 * @param keyId the key that asked, or null when none was presented or it was not valid
 * @param action what was asked, such as {@code security.refresh}
 * @param target what it acted on, or null
 * @param result {@code ok}, {@code refused} (no key, not an admin key) or {@code failed}
 * @param status the HTTP status it was answered with
 */
public record AuditEvent(Instant at, String requestId, String keyId, String action, String target, String result,
                         int status) {

    public AuditEvent {
        requireNonNull(at, "at is null");
        requireNonNull(requestId, "requestId is null");
        requireNonNull(action, "action is null");
        requireNonNull(result, "result is null");
    }
}
