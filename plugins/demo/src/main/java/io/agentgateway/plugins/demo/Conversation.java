package io.agentgateway.plugins.demo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the demo model reads from a request's {@code messages}: the question (the last user message), the
 * instructions (system and developer messages), and what happened since the question: the tools the assistant called
 * and the results they gave.
 *
 * @param question the text of the last {@code user} message, empty when there is none
 * @param instructions the text of every {@code system} and {@code developer} message, one a line
 * @param calledSinceQuestion the names of the tools called after the question, in order
 * @param resultsSinceQuestion the tool results after the question, in order
 * @param assistantTurns how many assistant messages the conversation holds, to number new tool-call ids
 * @param words the words of every message, the prompt's token count
 */
record Conversation(String question, String instructions, List<String> calledSinceQuestion,
                    List<ToolResult> resultsSinceQuestion, int assistantTurns, int words) {

    /** One {@code tool} message and the name of the tool that produced it. */
    record ToolResult(String tool, String content) {
    }

    /** @throws BadRequest when {@code messages} is not a list of message objects */
    static Conversation read(Object messages) {
        if (!(messages instanceof List<?> list)) {
            throw new BadRequest("messages", "'messages' must be an array of message objects");
        }
        int lastUser = -1;
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> message)) {
                throw new BadRequest("messages", "messages[" + i + "] must be an object");
            }
            if ("user".equals(message.get("role"))) {
                lastUser = i;
            }
        }
        String question = lastUser < 0 ? "" : text(((Map<?, ?>) list.get(lastUser)).get("content"));
        StringBuilder instructions = new StringBuilder();
        List<String> called = new ArrayList<>();
        List<ToolResult> results = new ArrayList<>();
        Map<String, String> toolOfCallId = new HashMap<>();
        int assistantTurns = 0;
        int words = 0;
        for (int i = 0; i < list.size(); i++) {
            Map<?, ?> message = (Map<?, ?>) list.get(i);
            Object role = message.get("role");
            String content = text(message.get("content"));
            words += Words.count(content);
            if ("system".equals(role) || "developer".equals(role)) {
                instructions.append(content).append('\n');
            } else if ("assistant".equals(role)) {
                assistantTurns++;
                for (Map<?, ?> call : toolCalls(message)) {
                    Map<?, ?> function = call.get("function") instanceof Map<?, ?> f ? f : Map.of();
                    String name = String.valueOf(function.get("name"));
                    words += Words.count(name) + Words.count(text(function.get("arguments")));
                    toolOfCallId.put(String.valueOf(call.get("id")), name);
                    if (i > lastUser) {
                        called.add(name);
                    }
                }
            } else if ("tool".equals(role) && i > lastUser) {
                String tool = toolOfCallId.getOrDefault(String.valueOf(message.get("tool_call_id")), "tool");
                results.add(new ToolResult(tool, content));
            }
        }
        return new Conversation(question, instructions.toString(), List.copyOf(called), List.copyOf(results),
                assistantTurns, words);
    }

    private static List<Map<?, ?>> toolCalls(Map<?, ?> message) {
        List<Map<?, ?>> calls = new ArrayList<>();
        if (message.get("tool_calls") instanceof List<?> list) {
            for (Object call : list) {
                if (call instanceof Map<?, ?> map) {
                    calls.add(map);
                }
            }
        }
        return calls;
    }

    /** @return a message's text: the string itself, or the text parts of a list of content parts joined */
    static String text(Object content) {
        if (content instanceof String s) {
            return s;
        }
        if (content instanceof List<?> parts) {
            StringBuilder text = new StringBuilder();
            for (Object part : parts) {
                if (part instanceof Map<?, ?> map && map.get("text") instanceof String s) {
                    text.append(text.isEmpty() ? "" : "\n").append(s);
                }
            }
            return text.toString();
        }
        return content == null ? "" : String.valueOf(content);
    }
}
