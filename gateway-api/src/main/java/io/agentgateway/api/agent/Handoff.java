package io.agentgateway.api.agent;

import static java.util.Objects.requireNonNull;

import java.util.Locale;

/**
 * Lets an agent pass the conversation to another agent. The model sees a tool named {@link #toolName()}; when it
 * calls it, the target takes over: its instructions replace the current ones, it keeps the conversation so far, and
 * its answer is the run's answer.
 *
 * @param target the agent taking over
 * @param toolName the tool the model calls, by default {@code transfer_to_<target name>}
 * @param description when to hand off, for the model
 */
public record Handoff(AgentDefinition target, String toolName, String description) {

    public Handoff {
        requireNonNull(target, "target is null");
        requireNonNull(toolName, "toolName is null");
        if (!toolName.matches("[a-zA-Z0-9_-]{1,64}")) {
            throw new IllegalArgumentException("handoff tool name '" + toolName + "' must match [a-zA-Z0-9_-]{1,64}");
        }
        description = description == null ? "" : description;
    }

    /**
     * @param target the agent taking over
     * @return a handoff with the default tool name and the target's description
     */
    public static Handoff to(AgentDefinition target) {
        requireNonNull(target, "target is null");
        String slug = target.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "_");
        String name = ("transfer_to_" + slug);
        return new Handoff(target, name.length() > 64 ? name.substring(0, 64) : name,
                "Hand the conversation to " + target.name() + ". " + target.description());
    }
}
