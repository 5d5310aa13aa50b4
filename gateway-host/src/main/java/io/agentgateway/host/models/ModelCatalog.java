package io.agentgateway.host.models;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Every model id the gateway routes, from upstreams and agents alike. Ids are qualified ({@code prefix/name}); a bare
 * name resolves too while exactly one qualified id ends with it.
 *
 * <p>Requests read an immutable snapshot; changes (background model discovery, agent reloads) build a new one and
 * swap it in, so a reader never sees a half-applied change and never takes a lock.
 *
 * <p>A source whose first listing is still under way (an upstream asked for its models at start-up) is
 * {@linkplain #expect expected}; {@link #awaitListed} lets a request for an id not known yet wait for those listings
 * instead of being told at once that the model does not exist.
 */
public final class ModelCatalog {

    private volatile Snapshot snapshot = Snapshot.of(new TreeMap<>());
    private final Set<String> expected = new HashSet<>(); // guarded by this

    /**
     * Adds an entry.
     *
     * @return false, leaving the catalog unchanged, when the id is taken
     */
    public synchronized boolean register(ModelEntry entry) {
        if (snapshot.byId.containsKey(entry.id())) {
            return false;
        }
        TreeMap<String, ModelEntry> next = new TreeMap<>(snapshot.byId);
        next.put(entry.id(), entry);
        snapshot = Snapshot.of(next);
        return true;
    }

    /** Marks {@code source} as listing its models for the first time; {@link #listed} ends that. */
    public synchronized void expect(String source) {
        expected.add(source);
    }

    /** Marks the first listing of {@code source} as over, whether it succeeded or failed. */
    public synchronized void listed(String source) {
        if (expected.remove(source)) {
            notifyAll();
        }
    }

    /**
     * Waits until no source is still listing its models for the first time, at most {@code max}. Returns at once
     * when none is, as in every request after start-up.
     *
     * @return true when no first listing is under way any more
     */
    public synchronized boolean awaitListed(Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        try {
            while (!expected.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                wait(Math.max(1, left / 1_000_000));
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return expected.isEmpty();
        }
    }

    /**
     * Puts {@code entries} in place of every entry of one kind owned by {@code ownedBy}, in one step: a request sees
     * the source's old models or its new ones, never a moment with neither (a plugin replaced under load). An entry
     * whose id another owner holds, or an earlier entry of the same list, is left out.
     *
     * @return the ids left out because they were taken
     */
    public synchronized List<String> replaceOwnedBy(ModelKind kind, String ownedBy, List<ModelEntry> entries) {
        TreeMap<String, ModelEntry> next = new TreeMap<>(snapshot.byId);
        next.values().removeIf(e -> e.kind() == kind && e.ownedBy().equals(ownedBy));
        List<String> taken = new ArrayList<>();
        for (ModelEntry entry : entries) {
            if (next.putIfAbsent(entry.id(), entry) != null) {
                taken.add(entry.id());
            }
        }
        snapshot = Snapshot.of(next);
        return taken;
    }

    /** @return the entry for a qualified id, or for a bare name that is unique */
    public Optional<ModelEntry> find(String id) {
        Snapshot current = snapshot;
        ModelEntry exact = current.byId.get(id);
        if (exact != null) {
            return Optional.of(exact);
        }
        List<String> candidates = current.idsByBareName.get(id);
        return candidates != null && candidates.size() == 1
                ? Optional.of(current.byId.get(candidates.get(0)))
                : Optional.empty();
    }

    /** @return all entries, sorted by id */
    public List<ModelEntry> all() {
        return snapshot.sorted;
    }

    private record Snapshot(Map<String, ModelEntry> byId, Map<String, List<String>> idsByBareName,
                            List<ModelEntry> sorted) {

        static Snapshot of(TreeMap<String, ModelEntry> byId) {
            Map<String, List<String>> bare = new HashMap<>();
            byId.keySet().forEach(id -> bare.computeIfAbsent(id.substring(id.indexOf('/') + 1),
                    k -> new ArrayList<>()).add(id));
            bare.replaceAll((name, ids) -> List.copyOf(ids));
            return new Snapshot(Map.copyOf(byId), Map.copyOf(bare), List.copyOf(byId.values()));
        }
    }
}
