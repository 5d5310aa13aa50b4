package io.agentgateway.api.agent;

import static java.util.Objects.requireNonNull;

import io.agentgateway.api.tool.ToolDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An agent: what it is told, which model it runs on, its tools, the agents it may hand off to, the checks on its
 * input and output, the shape of its answer, its hooks and its limits. Immutable; build one with
 * {@link #builder(String)}.
 *
 * @param name the agent's name; its model id is {@code <namespace>/<slug of name>} (lower case, characters outside
 *     {@code [a-z0-9_-]} turned into {@code -})
 * @param namespace the namespace, or null for the gateway's default namespace
 * @param description shown in {@code /v1/models}
 * @param instructions the system prompt, fixed or computed per run
 * @param upstream the upstream entry name it runs on, or null for the gateway default
 * @param model the upstream model name, or null for the gateway default
 * @param tools the tools the model may call; {@link AgentTool}s run other agents
 * @param handoffs the agents the model may hand the conversation to
 * @param inputGuardrails checks on the client's messages before the first model call
 * @param outputGuardrails checks on the final answer before the client sees it
 * @param outputType the JSON schema the final answer must match, or null for free text
 * @param hooks callbacks at the points of the agent's life
 * @param policy limits and model settings
 * @param metadata free-form data shown in {@code /v1/models}; the keys {@code max_tool_hops},
 *     {@code max_completion_tokens}, {@code max_turns}, {@code tool_choice} and {@code run_timeout_seconds}, when
 *     present, override the matching {@link #policy()} fields (so that agents.yaml can set them)
 */
public record AgentDefinition(
        String name,
        String namespace,
        String description,
        Instructions instructions,
        String upstream,
        String model,
        List<ToolDefinition> tools,
        List<Handoff> handoffs,
        List<InputGuardrail> inputGuardrails,
        List<OutputGuardrail> outputGuardrails,
        OutputType outputType,
        AgentHooks hooks,
        ExecutionPolicy policy,
        Map<String, Object> metadata) {

    public AgentDefinition {
        requireNonNull(name, "name is null");
        if (name.isBlank()) {
            throw new IllegalArgumentException("agent name is blank");
        }
        description = description == null ? "" : description;
        instructions = instructions == null ? Instructions.of("") : instructions;
        tools = List.copyOf(tools);
        handoffs = List.copyOf(handoffs);
        inputGuardrails = List.copyOf(inputGuardrails);
        outputGuardrails = List.copyOf(outputGuardrails);
        hooks = hooks == null ? AgentHooks.NONE : hooks;
        policy = policy == null ? ExecutionPolicy.DEFAULT : policy;
        metadata = Map.copyOf(metadata);
    }

    /**
     * The shape of the first release: an agent with fixed instructions, tools and metadata only.
     *
     * @param name the agent's name
     * @param namespace the namespace, or null
     * @param description shown in {@code /v1/models}
     * @param instructions the fixed system prompt
     * @param upstream the upstream entry name, or null
     * @param model the upstream model name, or null
     * @param tools the tools
     * @param metadata free-form data
     */
    public AgentDefinition(String name, String namespace, String description, String instructions, String upstream,
            String model, List<ToolDefinition> tools, Map<String, Object> metadata) {
        this(name, namespace, description, Instructions.of(instructions == null ? "" : instructions), upstream, model,
                tools, List.of(), List.of(), List.of(), null, null, null, metadata);
    }

    /**
     * @param name the agent's name
     * @return a builder with nothing but the name set
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /**
     * This agent as a tool of another agent (see {@link AgentTool}).
     *
     * @param toolName the tool's name
     * @param toolDescription what the tool does, for the calling model
     * @return the tool definition
     */
    public ToolDefinition asTool(String toolName, String toolDescription) {
        return AgentTool.of(toolName, toolDescription, this);
    }

    /** Builds an {@link AgentDefinition}. */
    public static final class Builder {
        private final String name;
        private String namespace;
        private String description;
        private Instructions instructions;
        private String upstream;
        private String model;
        private final List<ToolDefinition> tools = new ArrayList<>();
        private final List<Handoff> handoffs = new ArrayList<>();
        private final List<InputGuardrail> inputGuardrails = new ArrayList<>();
        private final List<OutputGuardrail> outputGuardrails = new ArrayList<>();
        private OutputType outputType;
        private AgentHooks hooks;
        private ExecutionPolicy policy;
        private final Map<String, Object> metadata = new LinkedHashMap<>();

        private Builder(String name) {
            this.name = requireNonNull(name, "name is null");
        }

        /** @param namespace the namespace, null for the default */
        public Builder namespace(String namespace) {
            this.namespace = namespace;
            return this;
        }

        /** @param description shown in {@code /v1/models} */
        public Builder description(String description) {
            this.description = description;
            return this;
        }

        /** @param instructions the fixed system prompt */
        public Builder instructions(String instructions) {
            this.instructions = Instructions.of(instructions == null ? "" : instructions);
            return this;
        }

        /** @param instructions the system prompt, computed per run */
        public Builder instructions(Instructions instructions) {
            this.instructions = requireNonNull(instructions, "instructions is null");
            return this;
        }

        /** @param upstream the upstream entry name, null for the default */
        public Builder upstream(String upstream) {
            this.upstream = upstream;
            return this;
        }

        /** @param model the upstream model name, null for the default */
        public Builder model(String model) {
            this.model = model;
            return this;
        }

        /** @param tool a tool the model may call */
        public Builder tool(ToolDefinition tool) {
            tools.add(requireNonNull(tool, "tool is null"));
            return this;
        }

        /** @param handoff an agent the model may hand off to */
        public Builder handoff(Handoff handoff) {
            handoffs.add(requireNonNull(handoff, "handoff is null"));
            return this;
        }

        /** @param target an agent the model may hand off to, with the default tool name */
        public Builder handoff(AgentDefinition target) {
            return handoff(Handoff.to(target));
        }

        /** @param guardrail a check on the client's messages */
        public Builder inputGuardrail(InputGuardrail guardrail) {
            inputGuardrails.add(requireNonNull(guardrail, "guardrail is null"));
            return this;
        }

        /** @param guardrail a check on the final answer */
        public Builder outputGuardrail(OutputGuardrail guardrail) {
            outputGuardrails.add(requireNonNull(guardrail, "guardrail is null"));
            return this;
        }

        /** @param outputType the schema the final answer must match */
        public Builder outputType(OutputType outputType) {
            this.outputType = outputType;
            return this;
        }

        /** @param hooks lifecycle callbacks */
        public Builder hooks(AgentHooks hooks) {
            this.hooks = hooks;
            return this;
        }

        /** @param policy limits and model settings */
        public Builder policy(ExecutionPolicy policy) {
            this.policy = policy;
            return this;
        }

        /** @param key a metadata key; @param value its value */
        public Builder metadata(String key, Object value) {
            metadata.put(requireNonNull(key, "key is null"), requireNonNull(value, "value is null"));
            return this;
        }

        /** @return the agent */
        public AgentDefinition build() {
            return new AgentDefinition(name, namespace, description, instructions, upstream, model, tools, handoffs,
                    inputGuardrails, outputGuardrails, outputType, hooks, policy, metadata);
        }
    }
}
