package io.agentgateway.host.http;

import io.agentgateway.api.upstream.ChunkSink;
import io.agentgateway.host.models.ProgressSink;
import java.util.Map;

/** Chunks go through the normaliser; an agent's progress notes become SSE comment lines that clients skip. */
final class ProgressCommentSink implements ChunkSink, ProgressSink {

    private final ChunkSink chunks;
    private final SseStream sse;

    ProgressCommentSink(ChunkSink chunks, SseStream sse) {
        this.chunks = chunks;
        this.sse = sse;
    }

    @Override
    public boolean accept(Map<String, Object> chunk) {
        return chunks.accept(chunk);
    }

    @Override
    public boolean progress(String note) {
        return sse.comment(note);
    }
}
