package io.agentgateway.host.store;

/**
 * Usage summed over calls sharing a key, model, upstream and agent.
 *
 * @param keyId the API key's id, or null
 * @param model {@code <upstream>/<model>}
 * @param upstream the upstream
 * @param agent the agent the client addressed, or null
 * @param calls how many upstream calls
 * @param promptTokens their prompt tokens
 * @param completionTokens their completion tokens
 * @param cost their cost by the price table
 */
public record UsageSummary(String keyId, String model, String upstream, String agent, long calls,
                           long promptTokens, long completionTokens, double cost) {

    public long totalTokens() {
        return promptTokens + completionTokens;
    }
}
