package io.agentgateway.host.store;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * The tokens of one upstream call.
 *
 * @param at when the call ended
 * @param requestId the client request it served
 * @param keyId the API key's id, or null when the gateway has no keys
 * @param model the model called, as the gateway names it ({@code <upstream>/<model>})
 * @param upstream the upstream that answered
 * @param agent the agent the client addressed, or null for a model called directly
 * @param promptTokens prompt tokens the upstream reported
 * @param completionTokens completion tokens the upstream reported
 * @param cost what the call cost by the price table, 0 when the model has no price
 */
public record UsageRecord(Instant at, String requestId, String keyId, String model, String upstream, String agent,
                          long promptTokens, long completionTokens, double cost) {

    public UsageRecord {
        requireNonNull(at, "at is null");
        requireNonNull(requestId, "requestId is null");
        requireNonNull(model, "model is null");
        requireNonNull(upstream, "upstream is null");
    }

    public long totalTokens() {
        return promptTokens + completionTokens;
    }
}
