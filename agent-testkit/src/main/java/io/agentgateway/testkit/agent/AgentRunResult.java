package io.agentgateway.testkit.agent;

import java.util.List;
import java.util.Map;

/**
 * How a run ended, as the gateway's agent engine reports it.
 *
 * @param output the final answer's text (JSON text for an agent with an output type)
 * @param answeredBy the model id of the agent that gave it (another one's after a handoff)
 * @param handoffs the model ids of the agents handed to, in order
 * @param modelCalls calls made to the model, by the agent and those it handed off to
 * @param toolCalls tool calls run
 * @param finishReason {@code stop}, or {@code length} when the answer was cut by the token limit
 * @param usage summed usage of every model call
 * @param chunks for a streamed run, what the run streamed, in order: content deltas, a chunk with the finish reason,
 *     then one with the usage (the gateway sends them to the client as {@code chat.completion.chunk}s); empty
 *     otherwise
 */
public record AgentRunResult(String output, String answeredBy, List<String> handoffs, int modelCalls, int toolCalls,
        String finishReason, Map<String, Object> usage, List<Map<String, Object>> chunks) {

    public AgentRunResult {
        handoffs = List.copyOf(handoffs);
        usage = Map.copyOf(usage);
        chunks = List.copyOf(chunks);
    }

    /** @return the text of every content delta of a streamed run, joined */
    public String streamedText() {
        StringBuilder text = new StringBuilder();
        for (Map<String, Object> chunk : chunks) {
            if (chunk.get("choices") instanceof List<?> choices) {
                for (Object choice : choices) {
                    if (choice instanceof Map<?, ?> c && c.get("delta") instanceof Map<?, ?> delta
                            && delta.get("content") instanceof String content) {
                        text.append(content);
                    }
                }
            }
        }
        return text.toString();
    }
}
