package io.agentgateway.plugins.demo;

import java.util.List;

/**
 * What the demo model answers: text, or tool calls.
 *
 * @param content the text, null when the reply calls tools
 * @param toolCalls the calls, empty when the reply is text
 * @param finishReason {@code stop}, {@code length} or {@code tool_calls}
 * @param promptTokens the words of the request's messages
 * @param completionTokens the words of the reply
 */
record Reply(String content, List<ToolCall> toolCalls, String finishReason, int promptTokens,
             int completionTokens) {

    /**
     * One tool call.
     *
     * @param id unique within the conversation
     * @param name the tool's name
     * @param arguments a JSON object as text
     */
    record ToolCall(String id, String name, String arguments) {
    }
}
