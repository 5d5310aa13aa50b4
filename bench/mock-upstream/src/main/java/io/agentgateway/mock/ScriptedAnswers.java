package io.agentgateway.mock;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The server's scripted answers without the server, for upstreams that run inside a test: the same script format as
 * {@link MockUpstream#script} and the same completion and chunk objects the server sends, as maps (integral numbers as
 * {@code Long}). Answers are handed out first in, first out, whatever model a request names. Thread-safe.
 */
public final class ScriptedAnswers {

    private static final String ANY_MODEL = "";

    private final ScriptQueue queue = new ScriptQueue();
    private final int chunks;

    /** @param chunks content chunks per streamed text answer (at least 1) */
    public ScriptedAnswers(int chunks) {
        if (chunks < 1) {
            throw new IllegalArgumentException("chunks must be >= 1");
        }
        this.chunks = chunks;
    }

    /**
     * Queues answers behind those already queued.
     *
     * @param responsesJson {@code {"responses":[<assistant message>, ...]}}, each message with {@code content} and/or
     *     {@code tool_calls} (arguments as an object or a JSON string), optional {@code finish_reason}
     * @throws IllegalArgumentException when the script is not of that shape
     */
    public void script(String responsesJson) {
        queue.add(ANY_MODEL, ScriptRoutes.answers(responsesJson));
    }

    /** @return answers still queued */
    public int remaining() {
        return queue.size(ANY_MODEL);
    }

    /**
     * @param request the chat completion request's body
     * @return the next answer as a {@code chat.completion} object, or null when the script is used up
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object> completion(Map<String, Object> request) {
        Answer answer = queue.poll(ANY_MODEL);
        return answer == null ? null : (Map<String, Object>) Json.parse(call(request).completion(answer));
    }

    /**
     * @param request the chat completion request's body; {@code stream_options.include_usage} adds the usage chunk
     * @return the next answer as the {@code chat.completion.chunk} objects a stream carries before {@code [DONE]}, or
     *     null when the script is used up
     */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> chunks(Map<String, Object> request) {
        Answer answer = queue.poll(ANY_MODEL);
        if (answer == null) {
            return null;
        }
        List<Map<String, Object>> parsed = new ArrayList<>();
        for (String chunk : call(request).chunks(answer, chunks)) {
            parsed.add((Map<String, Object>) Json.parse(chunk));
        }
        return parsed;
    }

    private static ChatCall call(Map<String, Object> request) {
        boolean includeUsage = request.get("stream_options") instanceof Map<?, ?> options
                && Boolean.TRUE.equals(options.get("include_usage"));
        return ChatCall.of(String.valueOf(request.get("model")), includeUsage, Json.write(request).length());
    }
}
