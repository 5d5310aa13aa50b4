package io.agentgateway.plugins.demo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link Reply} in the OpenAI shapes: one {@code chat.completion}, or the {@code chat.completion.chunk}s of a
 * stream. A stream has the role first, then a chunk a word (or, for tool calls, the call's name, then its arguments
 * in pieces), then the finish reason alone, then, when asked, the usage in a chunk with no choices.
 *
 * @param id the completion's id, shared by every chunk
 * @param created its creation time, in epoch seconds
 * @param model the model named in the request
 */
record ChatObjects(String id, long created, String model) {

    /** Arguments are streamed in pieces of this many characters, as servers do. */
    static final int ARGUMENT_PIECE = 16;

    Map<String, Object> completion(Reply reply) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("role", "assistant");
        message.put("content", reply.content());
        if (!reply.toolCalls().isEmpty()) {
            List<Object> calls = new ArrayList<>();
            for (Reply.ToolCall call : reply.toolCalls()) {
                calls.add(Map.of("id", call.id(), "type", "function",
                        "function", Map.of("name", call.name(), "arguments", call.arguments())));
            }
            message.put("tool_calls", calls);
        }
        message.put("refusal", null);
        Map<String, Object> choice = new LinkedHashMap<>();
        choice.put("index", 0);
        choice.put("message", message);
        choice.put("logprobs", null);
        choice.put("finish_reason", reply.finishReason());
        Map<String, Object> completion = envelope("chat.completion", List.of(choice));
        completion.put("usage", usage(reply));
        return completion;
    }

    List<Map<String, Object>> chunks(Reply reply, boolean includeUsage) {
        List<Map<String, Object>> chunks = new ArrayList<>();
        Map<String, Object> first = new LinkedHashMap<>();
        first.put("role", "assistant");
        first.put("content", reply.content() == null ? null : "");
        chunks.add(chunk(first, null));
        if (reply.content() != null) {
            for (String piece : Words.pieces(reply.content())) {
                chunks.add(chunk(Map.of("content", piece), null));
            }
        }
        for (int index = 0; index < reply.toolCalls().size(); index++) {
            Reply.ToolCall call = reply.toolCalls().get(index);
            chunks.add(chunk(Map.of("tool_calls", List.of(Map.of("index", index, "id", call.id(), "type", "function",
                    "function", Map.of("name", call.name(), "arguments", "")))), null));
            String arguments = call.arguments();
            for (int at = 0; at < arguments.length(); at += ARGUMENT_PIECE) {
                String piece = arguments.substring(at, Math.min(arguments.length(), at + ARGUMENT_PIECE));
                chunks.add(chunk(Map.of("tool_calls", List.of(Map.of("index", index,
                        "function", Map.of("arguments", piece)))), null));
            }
        }
        chunks.add(chunk(Map.of(), reply.finishReason()));
        if (includeUsage) {
            Map<String, Object> usage = envelope("chat.completion.chunk", List.of());
            usage.put("usage", usage(reply));
            chunks.add(usage);
        }
        return chunks;
    }

    private Map<String, Object> chunk(Map<String, Object> delta, String finishReason) {
        Map<String, Object> choice = new LinkedHashMap<>();
        choice.put("index", 0);
        choice.put("delta", delta);
        choice.put("logprobs", null);
        choice.put("finish_reason", finishReason);
        return envelope("chat.completion.chunk", List.of(choice));
    }

    private Map<String, Object> envelope(String object, List<Object> choices) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        out.put("object", object);
        out.put("created", created);
        out.put("model", model);
        out.put("choices", choices);
        return out;
    }

    private static Map<String, Object> usage(Reply reply) {
        return Map.of("prompt_tokens", reply.promptTokens(), "completion_tokens", reply.completionTokens(),
                "total_tokens", reply.promptTokens() + reply.completionTokens());
    }
}
