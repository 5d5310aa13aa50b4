package io.agentgateway.plugins.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A function tool of the request's {@code tools}.
 *
 * @param name the function's name
 * @param description what it does, empty when not given
 * @param parameters its JSON schema, empty when not given
 */
record OfferedTool(String name, String description, Map<?, ?> parameters) {

    /** Handoffs to other agents are tools by this prefix, the gateway's and the OpenAI Agents SDK's convention. */
    static final String HANDOFF_PREFIX = "transfer_to_";

    boolean handoff() {
        return name.startsWith(HANDOFF_PREFIX);
    }

    /** @throws BadRequest when {@code tools} is not a list of tool objects */
    static List<OfferedTool> read(Object tools) {
        if (tools == null) {
            return List.of();
        }
        if (!(tools instanceof List<?> list)) {
            throw new BadRequest("tools", "'tools' must be an array of tool objects");
        }
        List<OfferedTool> offered = new ArrayList<>();
        for (Object tool : list) {
            if (tool instanceof Map<?, ?> map && map.get("function") instanceof Map<?, ?> function
                    && function.get("name") instanceof String name) {
                offered.add(new OfferedTool(name,
                        function.get("description") instanceof String d ? d : "",
                        function.get("parameters") instanceof Map<?, ?> p ? p : Map.of()));
            }
        }
        return offered;
    }
}
