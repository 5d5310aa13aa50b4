package io.agentgateway.host.routing;

import static java.util.Objects.requireNonNull;

import io.agentgateway.host.config.ModelGroup.Strategy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * Where calls for one model id may go: a single upstream model, or a group of targets with priorities, a strategy
 * and fallbacks. {@link #plan} gives one request's order of targets; the caller moves along it as calls fail.
 */
public final class Route {

    private final String id;
    private final Strategy strategy;
    private final List<Candidate> candidates;
    private final List<String> fallbacks;
    private final int attempts;
    private final Function<String, Route> fallbackRoutes;

    /**
     * @param attempts calls one request may make in all; 0 for one per target of the plan plus one
     * @param fallbackRoutes finds the route of a fallback id
     */
    Route(String id, Strategy strategy, List<Candidate> candidates, List<String> fallbacks, int attempts,
            Function<String, Route> fallbackRoutes) {
        this.id = requireNonNull(id, "id is null");
        this.strategy = requireNonNull(strategy, "strategy is null");
        this.candidates = List.copyOf(candidates);
        this.fallbacks = List.copyOf(fallbacks);
        this.attempts = attempts;
        this.fallbackRoutes = requireNonNull(fallbackRoutes, "fallbackRoutes is null");
    }

    /** @return the model id it serves */
    public String id() {
        return id;
    }

    /** @return every target it may call, its fallbacks' included */
    public List<TargetState> targets() {
        return plan(RandomGenerator.getDefault()).stream().map(Candidate::state).toList();
    }

    /**
     * @return the targets to try, in order: better priorities first, each priority ordered by the strategy, then the
     *     fallbacks' plans; each target once
     */
    List<Candidate> plan(RandomGenerator random) {
        Map<String, Candidate> plan = new LinkedHashMap<>();
        addTo(plan, random, new java.util.HashSet<>());
        return List.copyOf(plan.values());
    }

    /** @return how many calls one request may make, first call, moves and retries together */
    int attempts(int planSize) {
        return attempts > 0 ? attempts : planSize + 1;
    }

    private void addTo(Map<String, Candidate> plan, RandomGenerator random, Set<String> visited) {
        if (!visited.add(id)) {
            return; // fallbacks that lead back here add nothing new
        }
        TreeMap<Integer, List<Candidate>> byPriority = new TreeMap<>();
        candidates.forEach(c -> byPriority.computeIfAbsent(c.priority(), p -> new ArrayList<>()).add(c));
        byPriority.values().forEach(tier -> TargetOrder.order(strategy, tier, random)
                .forEach(c -> plan.putIfAbsent(c.id(), c)));
        for (String fallback : fallbacks) {
            Route route = fallbackRoutes.apply(fallback);
            if (route != null) {
                route.addTo(plan, random, visited);
            }
        }
    }
}
