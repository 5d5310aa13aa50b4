package io.agentgateway.host.http;

import static java.util.Objects.requireNonNull;

import io.agentgateway.host.limits.RequestLimits;
import io.agentgateway.host.security.ApiKey;
import io.agentgateway.host.security.ApiKeyStore;
import io.agentgateway.host.security.Overrides;
import io.agentgateway.host.usage.UsageRecorder;
import java.time.Clock;

/**
 * What the request path needs for operations: token accounting, token limits, the audit trail and temporary allow
 * rules. One record so that adding to it leaves the constructors of the routes alone.
 *
 * @param usage where every upstream call's tokens are recorded, and a request's usage summed for its log line
 * @param limits the keys' budgets and tokens per minute, checked when a request that spends tokens starts
 * @param audit records every admin action
 * @param overrides temporary allow rules ({@code POST /security/override}), applied when a key is authenticated
 * @param metricsKey the key that may read the metrics routes only ({@code GATEWAY_METRICS_KEY}), or null
 * @param recent the latest API requests and their counts, for the console ({@code GET /requests/recent})
 */
public record Operations(UsageRecorder usage, RequestLimits limits, AdminAudit audit, Overrides overrides,
                         ApiKey metricsKey, RecentRequests recent) {

    /** Without a metrics key. */
    public Operations(UsageRecorder usage, RequestLimits limits, AdminAudit audit, Overrides overrides) {
        this(usage, limits, audit, overrides, null, new RecentRequests());
    }

    /** @return the key {@code GATEWAY_METRICS_KEY} gives, admin on the metrics routes alone; null when unset */
    public static ApiKey metricsKey(String secret) {
        return secret == null || secret.isBlank() ? null
                : new ApiKey("metrics", ApiKeyStore.sha256(secret.trim()), java.util.List.of(), 0, null, true);
    }

    public Operations {
        requireNonNull(usage, "usage is null");
        requireNonNull(limits, "limits is null");
        requireNonNull(audit, "audit is null");
        requireNonNull(overrides, "overrides is null");
        requireNonNull(recent, "recent is null");
    }

    /** @return operations that keep and limit nothing (admin actions are only logged), for routes served alone */
    public static Operations none() {
        return new Operations(UsageRecorder.discarding(), RequestLimits.none(),
                new AdminAudit(null, Clock.systemUTC()), new Overrides(Clock.systemUTC()));
    }
}
