package io.agentgateway.host.config;

import static io.agentgateway.host.config.ConfigValues.mapList;
import static io.agentgateway.host.config.ConfigValues.number;
import static io.agentgateway.host.config.ConfigValues.requiredString;
import static io.agentgateway.host.config.ConfigValues.string;
import static io.agentgateway.host.config.ConfigValues.stringList;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * upstreams.yaml's {@code groups}: {@code [{name, strategy, targets: [{upstream, model, weight, priority}], fallbacks,
 * attempts}]}. Every target must name a configured upstream, and every fallback a group or a configured
 * {@code <upstream>/<model>}: a typo would otherwise surface only when the first target fails.
 */
public final class ModelGroupsConfig {

    private ModelGroupsConfig() {
    }

    /**
     * @param yaml the whole upstreams.yaml
     * @param upstreams the entries parsed from it, for the names targets and fallbacks may use
     */
    public static List<ModelGroup> parse(Map<String, Object> yaml, List<UpstreamEntry> upstreams, String where) {
        Map<String, Integer> priorities = new HashMap<>();
        upstreams.forEach(entry -> priorities.put(entry.name(), entry.priority()));
        List<ModelGroup> groups = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Map<String, Object> node : mapList(yaml, "groups", where)) {
            String id = requiredString(node, "name", where + " groups");
            String context = where + " groups[" + id + "]";
            if (!id.matches("[A-Za-z0-9_.:-]+(/[A-Za-z0-9_.:-]+)?")) {
                throw new ConfigException(context + ": 'name' is a model id: letters, digits, '.', '_', ':', '-',"
                        + " and at most one '/'");
            }
            int slash = id.indexOf('/');
            if (slash > 0 && priorities.containsKey(id.substring(0, slash))) {
                throw new ConfigException(context + ": '" + id.substring(0, slash) + "/' is an upstream's prefix:"
                        + " name the group otherwise, so that it cannot hide one of that upstream's models");
            }
            if (!ids.add(id)) {
                throw new ConfigException(context + ": the name is used twice");
            }
            List<ModelGroup.Target> targets = new ArrayList<>();
            for (Map<String, Object> target : mapList(node, "targets", context)) {
                targets.add(target(target, priorities, context));
            }
            if (targets.isEmpty()) {
                throw new ConfigException(context + ": 'targets' must list at least one {upstream, model}");
            }
            double attempts = number(node, "attempts", 0, context);
            if (node.get("attempts") != null && (attempts < 1 || attempts > 20 || attempts != Math.rint(attempts))) {
                throw new ConfigException(context + ": 'attempts' must be a whole number from 1 to 20");
            }
            groups.add(new ModelGroup(id, strategy(string(node, "strategy", context), context), targets,
                    stringList(node, "fallbacks", List.of(), context), (int) attempts));
        }
        for (ModelGroup group : groups) {
            for (String fallback : group.fallbacks()) {
                int slash = fallback.indexOf('/');
                boolean upstreamModel = slash > 0 && slash < fallback.length() - 1
                        && priorities.containsKey(fallback.substring(0, slash));
                if (fallback.equals(group.id()) || !(ids.contains(fallback) || upstreamModel)) {
                    throw new ConfigException(where + " groups[" + group.id() + "]: fallback '" + fallback
                            + "' is neither another group nor <upstream>/<model> of a configured upstream");
                }
            }
        }
        return groups;
    }

    private static ModelGroup.Target target(Map<String, Object> node, Map<String, Integer> priorities,
            String context) {
        String upstream = requiredString(node, "upstream", context + " targets");
        if (!priorities.containsKey(upstream)) {
            throw new ConfigException(context + ": target upstream '" + upstream + "' is not configured in"
                    + " 'upstreams' (configured: " + priorities.keySet() + ")");
        }
        String model = requiredString(node, "model", context + " targets");
        double weight = number(node, "weight", 1, context + " targets[" + upstream + "/" + model + "]");
        if (!(weight > 0) || Double.isInfinite(weight)) {
            throw new ConfigException(context + ": target " + upstream + "/" + model + ": 'weight' must be a"
                    + " positive number");
        }
        // A target without its own priority has its upstream's, as in the reference's upstreams.yaml.
        int priority = (int) number(node, "priority", priorities.get(upstream), context);
        return new ModelGroup.Target(upstream, model, weight, priority);
    }

    private static ModelGroup.Strategy strategy(String value, String context) {
        if (value == null) {
            return ModelGroup.Strategy.WEIGHTED;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT).replace('-', '_')) {
            case "weighted", "weighted_random", "random" -> ModelGroup.Strategy.WEIGHTED;
            case "least_busy", "least_in_flight" -> ModelGroup.Strategy.LEAST_BUSY;
            case "lowest_latency", "latency" -> ModelGroup.Strategy.LOWEST_LATENCY;
            default -> throw new ConfigException(context + ": 'strategy' must be weighted, least_busy or"
                    + " lowest_latency, not '" + value + "'");
        };
    }
}
