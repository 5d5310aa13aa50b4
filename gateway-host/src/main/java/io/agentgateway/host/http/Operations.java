package io.agentgateway.host.http;

import static java.util.Objects.requireNonNull;

import io.agentgateway.host.limits.RequestLimits;
import io.agentgateway.host.usage.UsageRecorder;

/**
 * What the request path needs for operations: token accounting and token limits. One record so that adding to it
 * leaves the constructors of the routes alone.
 *
 * @param usage where every upstream call's tokens are recorded, and a request's usage summed for its log line
 * @param limits the keys' budgets and tokens per minute, checked when a request that spends tokens starts
 */
public record Operations(UsageRecorder usage, RequestLimits limits) {

    public Operations {
        requireNonNull(usage, "usage is null");
        requireNonNull(limits, "limits is null");
    }

    /** @return operations that keep and limit nothing, for routes served without a gateway around them */
    public static Operations none() {
        return new Operations(UsageRecorder.discarding(), RequestLimits.none());
    }
}
