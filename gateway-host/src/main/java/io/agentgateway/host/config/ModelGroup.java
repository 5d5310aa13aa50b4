package io.agentgateway.host.config;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One entry of upstreams.yaml's {@code groups}: a public model id served by several targets.
 *
 * @param id the model id clients and agents name ({@code smart}, {@code team/chat})
 * @param strategy how a target is picked among those of the same priority
 * @param targets where calls may go
 * @param fallbacks other groups or {@code <upstream>/<model>} ids tried, in order, when every target failed
 * @param attempts how many calls one request may make in all (first call, moves and retries); 0 for the default, one
 *     per target of the group and its fallbacks plus one
 */
public record ModelGroup(String id, Strategy strategy, List<Target> targets, List<String> fallbacks, int attempts) {

    /** How a target is picked among targets of the same priority. */
    public enum Strategy {
        /** At random, in proportion to the weights. */
        WEIGHTED,
        /** The one with the fewest calls in flight (ties by weight). */
        LEAST_BUSY,
        /** The one with the lowest recent latency (ties by weight). */
        LOWEST_LATENCY
    }

    /**
     * @param upstream the upstreams.yaml entry that serves it
     * @param model the model's name at that upstream
     * @param weight its share among targets of the same priority (weighted strategy), and the tie-break of the others
     * @param priority lower is used first; the next priority only when every better target is unavailable or failed
     */
    public record Target(String upstream, String model, double weight, int priority) {

        public Target {
            requireNonNull(upstream, "upstream is null");
            requireNonNull(model, "model is null");
        }

        /** @return {@code <upstream>/<model>}, how logs, headers and metrics name it */
        public String id() {
            return upstream + "/" + model;
        }
    }

    public ModelGroup {
        requireNonNull(id, "id is null");
        requireNonNull(strategy, "strategy is null");
        targets = List.copyOf(targets);
        fallbacks = List.copyOf(fallbacks);
    }
}
