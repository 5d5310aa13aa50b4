package io.agentgateway.host.agents;

import io.agentgateway.api.upstream.ChunkSink;
import io.agentgateway.host.models.ProgressSink;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The client's side of a streamed agent run: content deltas as {@code chat.completion.chunk}s under the agent's model
 * id, the role in the first delta, a finish chunk, the usage chunk when the client asked for it, and progress notes
 * for sinks that take them. A sink that returns false cancels the run.
 */
final class AnswerStream {

    private final ChunkSink sink;
    private final String id;
    private final long created;
    private final String model;
    private final boolean includeUsage;
    private final RunCancellation cancellation;
    private boolean roleSent;

    AnswerStream(ChunkSink sink, String id, long created, String model, boolean includeUsage,
            RunCancellation cancellation) {
        this.sink = sink;
        this.id = id;
        this.created = created;
        this.model = model;
        this.includeUsage = includeUsage;
        this.cancellation = cancellation;
    }

    synchronized void content(String text) {
        if (text.isEmpty() || cancellation.isCancelled()) {
            return;
        }
        Map<String, Object> delta = new LinkedHashMap<>();
        if (!roleSent) {
            delta.put("role", "assistant");
            roleSent = true;
        }
        delta.put("content", text);
        send(choiceChunk(delta, null));
    }

    synchronized void progress(String note) {
        if (sink instanceof ProgressSink progress && !cancellation.isCancelled()
                && !progress.progress(note.replaceAll("[\\r\\n]+", " "))) {
            cancellation.cancel(RunCancellation.Reason.CLIENT_GONE);
        }
    }

    synchronized void finish(String finishReason, Map<String, Object> usage) {
        if (!roleSent) {
            Map<String, Object> delta = new LinkedHashMap<>();
            delta.put("role", "assistant");
            delta.put("content", "");
            send(choiceChunk(delta, null));
            roleSent = true;
        }
        send(choiceChunk(Map.of(), finishReason));
        if (includeUsage) {
            Map<String, Object> chunk = envelope();
            chunk.put("choices", List.of());
            chunk.put("usage", usage);
            send(chunk);
        }
    }

    private Map<String, Object> choiceChunk(Map<String, Object> delta, String finishReason) {
        Map<String, Object> choice = new HashMap<>();
        choice.put("index", 0);
        choice.put("delta", delta);
        choice.put("finish_reason", finishReason);
        Map<String, Object> chunk = envelope();
        chunk.put("choices", List.of(choice));
        if (includeUsage) {
            chunk.put("usage", null);
        }
        return chunk;
    }

    private Map<String, Object> envelope() {
        Map<String, Object> chunk = new LinkedHashMap<>();
        chunk.put("id", id);
        chunk.put("object", "chat.completion.chunk");
        chunk.put("created", created);
        chunk.put("model", model);
        return chunk;
    }

    private void send(Map<String, Object> chunk) {
        if (!cancellation.isCancelled() && !sink.accept(chunk)) {
            cancellation.cancel(RunCancellation.Reason.CLIENT_GONE);
        }
    }
}
