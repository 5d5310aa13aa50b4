package io.agentgateway.host.agents;

import io.agentgateway.api.upstream.ChunkSink;
import io.agentgateway.host.cancel.CancellationSource;
import io.agentgateway.host.models.ProgressSink;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The client's side of a streamed agent run, in the shape an upstream streams it: content deltas of choice 0, one
 * chunk with the finish reason, then one with no choices and the usage. The HTTP layer's normaliser turns them into
 * OpenAI's chunks as it does an upstream's (ids, model, role, usage when asked for). Progress notes go to sinks that
 * take them. A sink that returns false cancels the run.
 */
final class AnswerStream {

    private final ChunkSink sink;
    private final CancellationSource cancellation;
    private boolean contentSent;

    AnswerStream(ChunkSink sink, CancellationSource cancellation) {
        this.sink = sink;
        this.cancellation = cancellation;
    }

    synchronized void content(String text) {
        if (text.isEmpty() || cancellation.isCancelled()) {
            return;
        }
        send(choiceChunk(Map.of("content", text), null));
        contentSent = true;
    }

    synchronized void progress(String note) {
        if (sink instanceof ProgressSink progress && !cancellation.isCancelled()
                && !progress.progress(note.replaceAll("[\\r\\n]+", " "))) {
            cancellation.cancel(CancellationSource.Reason.CLIENT_GONE);
        }
    }

    synchronized void finish(String finishReason, Map<String, Object> usage) {
        if (!contentSent) {
            send(choiceChunk(Map.of("content", ""), null)); // an answer, if an empty one, before the finish
        }
        send(choiceChunk(Map.of(), finishReason));
        send(Map.of("choices", List.of(), "usage", usage));
    }

    private static Map<String, Object> choiceChunk(Map<String, Object> delta, String finishReason) {
        Map<String, Object> choice = new HashMap<>();
        choice.put("index", 0);
        choice.put("delta", delta);
        choice.put("finish_reason", finishReason);
        return Map.of("choices", List.of(choice));
    }

    private void send(Map<String, Object> chunk) {
        if (!cancellation.isCancelled() && !sink.accept(chunk)) {
            cancellation.cancel(CancellationSource.Reason.CLIENT_GONE);
        }
    }
}
