package io.agentgateway.host.models;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Every model id the gateway routes, from upstreams and agents alike. Ids are qualified ({@code prefix/name}); a bare
 * name resolves too while exactly one qualified id ends with it.
 */
public final class ModelCatalog {

    private final Map<String, ModelEntry> byId = new ConcurrentSkipListMap<>();
    private final Map<String, List<String>> idsByBareName = new ConcurrentHashMap<>();

    /**
     * Adds an entry.
     *
     * @return false, leaving the catalog unchanged, when the id is taken
     */
    public synchronized boolean register(ModelEntry entry) {
        if (byId.putIfAbsent(entry.id(), entry) != null) {
            return false;
        }
        idsByBareName.computeIfAbsent(bareName(entry.id()), k -> new ArrayList<>()).add(entry.id());
        return true;
    }

    /** Removes every entry of one kind owned by {@code ownedBy}, so a source can be reloaded. */
    public synchronized void removeOwnedBy(String kind, String ownedBy) {
        byId.values().removeIf(e -> e.kind().equals(kind) && e.ownedBy().equals(ownedBy));
        rebuildBareNames();
    }

    /** @return the entry for a qualified id, or for a bare name that is unique */
    public Optional<ModelEntry> find(String id) {
        ModelEntry exact = byId.get(id);
        if (exact != null) {
            return Optional.of(exact);
        }
        List<String> candidates = idsByBareName.get(id);
        if (candidates != null && candidates.size() == 1) {
            return Optional.ofNullable(byId.get(candidates.get(0)));
        }
        return Optional.empty();
    }

    /** @return all entries, sorted by id */
    public List<ModelEntry> all() {
        return List.copyOf(byId.values());
    }

    private void rebuildBareNames() {
        idsByBareName.clear();
        byId.keySet().forEach(id -> idsByBareName.computeIfAbsent(bareName(id), k -> new ArrayList<>()).add(id));
    }

    private static String bareName(String id) {
        return id.substring(id.indexOf('/') + 1);
    }
}
