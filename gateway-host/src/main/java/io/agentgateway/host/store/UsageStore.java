package io.agentgateway.host.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Where token usage is kept: the embedded database by default ({@link SqliteUsageStore}); an interface so that a server
 * database can take its place.
 */
public interface UsageStore {

    /** Keeps one call's usage. */
    void add(UsageRecord usage);

    /** Keeps several calls' usage; a store that can write them together (one transaction) overrides this. */
    default void addAll(List<UsageRecord> usages) {
        usages.forEach(this::add);
    }

    /**
     * @param keyId only this key's calls, or null for all
     * @param model only this model's calls ({@code <upstream>/<model>}), or null for all
     * @param from calls ended at or after this instant, or null
     * @param to calls ended before this instant, or null
     * @return the calls summed by key, model, upstream and agent, largest total first
     */
    List<UsageSummary> summarize(String keyId, String model, Instant from, Instant to);

    /**
     * @return the tokens and cost of each key's calls since {@code from} (calls without a key left out): what its
     *     budgets have spent
     */
    Map<String, Spent> spentByKeySince(Instant from);

    /** What a key used over a period. */
    record Spent(long tokens, double cost) {
    }
}
