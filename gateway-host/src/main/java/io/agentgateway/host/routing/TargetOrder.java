package io.agentgateway.host.routing;

import io.agentgateway.host.config.ModelGroup.Strategy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Orders the candidates of one priority by a group's strategy: the first is called first, the others are where a
 * failed call moves. Every strategy starts from a weighted random order, so that ties (equal in-flight counts, equal
 * latency) still split by weight and callers that arrive together do not all pick the same target.
 */
final class TargetOrder {

    private TargetOrder() {
    }

    static List<Candidate> order(Strategy strategy, List<Candidate> candidates, RandomGenerator random) {
        List<Candidate> ordered = weightedRandom(candidates, random);
        switch (strategy) {
            case WEIGHTED -> { }
            case LEAST_BUSY -> ordered.sort(Comparator.comparingInt(c -> c.state().inFlight()));
            // No sample yet counts as fastest: a target is tried before it is judged.
            case LOWEST_LATENCY -> ordered.sort(Comparator.comparingDouble(c -> Math.max(0, c.state().latencyMillis())));
        }
        return ordered;
    }

    /** Draws without replacement, each draw in proportion to the weights left. */
    static List<Candidate> weightedRandom(List<Candidate> candidates, RandomGenerator random) {
        List<Candidate> left = new ArrayList<>(candidates);
        List<Candidate> ordered = new ArrayList<>(candidates.size());
        while (!left.isEmpty()) {
            double total = 0;
            for (Candidate candidate : left) {
                total += candidate.weight();
            }
            double point = random.nextDouble() * total;
            int picked = left.size() - 1;
            for (int i = 0; i < left.size(); i++) {
                point -= left.get(i).weight();
                if (point < 0) {
                    picked = i;
                    break;
                }
            }
            ordered.add(left.remove(picked));
        }
        return ordered;
    }
}
