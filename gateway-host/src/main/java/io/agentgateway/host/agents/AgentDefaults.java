package io.agentgateway.host.agents;

import java.util.Map;
import java.util.function.Function;

/**
 * Where agents run when their definition does not say: agents.yaml {@code defaults}, then the environment
 * ({@code GATEWAY_DEFAULT_NAMESPACE}, {@code GATEWAY_DEFAULT_UPSTREAM}, {@code GATEWAY_DEFAULT_MODEL}).
 *
 * @param namespace the namespace of agents that name none; never null
 * @param upstream the upstream of agents that name none, or null
 * @param model the model of agents that name none, or null
 */
public record AgentDefaults(String namespace, String upstream, String model) {

    public AgentDefaults {
        namespace = blankToNull(namespace) == null ? "default" : namespace.trim();
        upstream = blankToNull(upstream);
        model = blankToNull(model);
    }

    /** @return the defaults the environment sets */
    public static AgentDefaults fromEnv(Function<String, String> env) {
        return new AgentDefaults(env.apply("GATEWAY_DEFAULT_NAMESPACE"), env.apply("GATEWAY_DEFAULT_UPSTREAM"),
                env.apply("GATEWAY_DEFAULT_MODEL"));
    }

    /**
     * @param defaultsSection the {@code defaults} mapping of agents.yaml (may be empty)
     * @return these defaults with every value the section sets taking precedence
     */
    public AgentDefaults overriddenBy(Map<String, Object> defaultsSection) {
        return new AgentDefaults(
                first(defaultsSection.get("namespace"), namespace),
                first(defaultsSection.get("upstream"), upstream),
                first(defaultsSection.get("model"), model));
    }

    private static String first(Object preferred, String fallback) {
        String value = preferred == null ? null : blankToNull(String.valueOf(preferred));
        return value == null ? fallback : value;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
