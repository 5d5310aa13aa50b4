package io.agentgateway.host.agents;

import java.util.Locale;

/**
 * Agents' model ids, as clients already use them: {@code WeatherAgent} in namespace default is
 * {@code default/weatheragent}.
 */
public final class AgentIds {

    private AgentIds() {
    }

    /** @return {@code value} in lower case with every character outside {@code [a-z0-9_-]} turned into {@code -} */
    public static String slug(String value) {
        return value.trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "-");
    }

    /** @return {@code <slug of namespace>/<slug of name>} */
    public static String id(String namespace, String name) {
        return slug(namespace) + "/" + slug(name);
    }
}
