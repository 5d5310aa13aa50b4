package io.agentgateway.mock;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One chat completion call being answered, and the JSON shapes of its answer. Chunks are written straight into
 * strings: the mock runs under load in benchmarks, so it avoids building maps for fixed parts.
 *
 * @param id the completion id shared by all chunks
 * @param created the creation time shared by all chunks, in epoch seconds
 * @param model the model the client asked for, echoed back
 * @param includeUsage whether the client asked for {@code stream_options.include_usage}
 * @param promptTokens a rough token count of the request
 */
record ChatCall(String id, long created, String model, boolean includeUsage, int promptTokens) {

    private static final AtomicLong IDS = new AtomicLong();

    static ChatCall of(String model, boolean includeUsage, int requestLength) {
        return new ChatCall("chatcmpl-mock-" + IDS.incrementAndGet(), System.currentTimeMillis() / 1000, model,
                includeUsage, Math.max(1, requestLength / 4));
    }

    /** @return the header every chunk starts with, up to and including the opening of {@code choices} */
    private StringBuilder chunkStart() {
        StringBuilder out = new StringBuilder(160);
        out.append("{\"id\":\"").append(id).append("\",\"object\":\"chat.completion.chunk\",\"created\":")
                .append(created).append(",\"model\":");
        Json.quote(model, out);
        return out.append(",\"system_fingerprint\":\"fp_mock\",\"choices\":");
    }

    /** @return one chunk with a single choice carrying {@code deltaJson} */
    String chunk(String deltaJson, String finishReason) {
        StringBuilder out = chunkStart().append("[{\"index\":0,\"delta\":").append(deltaJson)
                .append(",\"logprobs\":null,\"finish_reason\":");
        if (finishReason == null) {
            out.append("null");
        } else {
            Json.quote(finishReason, out);
        }
        out.append("}]");
        if (includeUsage) {
            out.append(",\"usage\":null");
        }
        return out.append('}').toString();
    }

    /**
     * @return the chunks of {@code answer} streamed, in order, without {@code [DONE]}: the role, any extra fields, the
     *     content in {@code pieces} parts, each tool call as fragments, the finish reason, and the usage when asked
     */
    List<String> chunks(Answer answer, int pieces) {
        List<String> chunks = new ArrayList<>();
        chunks.add(chunk(roleDelta(), null));
        if (!answer.extraFields().isEmpty()) {
            chunks.add(chunk(Json.write(answer.extraFields()), null));
        }
        if (answer.content() != null) {
            for (String piece : ToolCallFragments.split(answer.content(), pieces)) {
                chunks.add(chunk(contentDelta(piece), null));
            }
        }
        for (int i = 0; i < answer.toolCalls().size(); i++) {
            for (Map<String, Object> delta : ToolCallFragments.deltas(i, answer.toolCalls().get(i))) {
                chunks.add(chunk(toolCallDelta(delta), null));
            }
        }
        chunks.add(chunk("{}", answer.finishReason()));
        if (includeUsage) {
            chunks.add(usageChunk(answer.completionTokens(), false));
        }
        return chunks;
    }

    static String contentDelta(String content) {
        StringBuilder out = new StringBuilder(content.length() + 16).append("{\"content\":");
        Json.quote(content, out);
        return out.append('}').toString();
    }

    static String toolCallDelta(Map<String, Object> toolCallDelta) {
        return "{\"tool_calls\":[" + Json.write(toolCallDelta) + "]}";
    }

    /** @return the closing usage chunk: {@code choices} empty (or {@code null}, as some servers send it) */
    String usageChunk(int completionTokens, boolean choicesNull) {
        return chunkStart().append(choicesNull ? "null" : "[]").append(",\"usage\":")
                .append(usage(completionTokens)).append('}').toString();
    }

    String usage(int completionTokens) {
        return "{\"prompt_tokens\":" + promptTokens + ",\"completion_tokens\":" + completionTokens
                + ",\"total_tokens\":" + (promptTokens + completionTokens) + "}";
    }

    /** @return the whole non-streaming {@code chat.completion} object for {@code answer} */
    String completion(Answer answer) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("role", "assistant");
        message.put("content", answer.content());
        if (!answer.toolCalls().isEmpty()) {
            message.put("tool_calls", answer.toolCalls());
        }
        message.putAll(answer.extraFields());
        return completion(message, answer.finishReason(), answer.completionTokens());
    }

    String completion(Map<String, Object> message, String finishReason, int completionTokens) {
        StringBuilder out = new StringBuilder(256);
        out.append("{\"id\":\"").append(id).append("\",\"object\":\"chat.completion\",\"created\":").append(created)
                .append(",\"model\":");
        Json.quote(model, out);
        out.append(",\"system_fingerprint\":\"fp_mock\",\"choices\":[{\"index\":0,\"message\":");
        Json.write(message, out);
        out.append(",\"logprobs\":null,\"finish_reason\":");
        Json.quote(finishReason, out);
        return out.append("}],\"usage\":").append(usage(completionTokens)).append('}').toString();
    }

    static String roleDelta() {
        return "{\"role\":\"assistant\",\"content\":\"\"}";
    }
}
