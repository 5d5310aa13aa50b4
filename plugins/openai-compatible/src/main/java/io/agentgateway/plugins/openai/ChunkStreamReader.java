package io.agentgateway.plugins.openai;

import io.agentgateway.api.JsonCodec;
import io.agentgateway.api.http.ServerSentEvent;
import io.agentgateway.api.http.ServerSentEvents;
import io.agentgateway.api.upstream.ChunkSink;
import io.agentgateway.api.upstream.JsonChunkSink;
import io.agentgateway.api.upstream.UpstreamException;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Hands each event of a chat-completions stream, parsed but otherwise untouched, to a sink. Knows how a stream may
 * end: {@code [DONE]}, or the end of the body after a chunk with a {@code finish_reason} (servers that omit
 * {@code [DONE]}); anything else is a drop.
 */
final class ChunkStreamReader {

    /** How a stream that did not fail came to an end. */
    enum End { DONE, FINISHED_WITHOUT_DONE, STOPPED_BY_SINK }

    private final JsonCodec json;
    private final UpstreamFailures failures;

    ChunkStreamReader(JsonCodec json, UpstreamFailures failures) {
        this.json = json;
        this.failures = failures;
    }

    /**
     * @throws UpstreamException PROTOCOL for a chunk that is not JSON, REJECTED for an error event, DROPPED when the
     *     body ends before the stream finished
     * @throws IOException when reading the body fails (or goes past a limit); the caller maps it
     */
    End read(ServerSentEvents events, ChunkSink sink) throws IOException, UpstreamException {
        boolean finished = false;
        ServerSentEvent event;
        while ((event = events.next()) != null) {
            if (event.data().equals("[DONE]")) {
                return End.DONE;
            }
            String rest = event.data();
            while (rest != null) {
                // An upstream may put several chunks in one event ({...}{...}, or one per data: line): each is a
                // chunk of its own, so that none (and no finish_reason) is lost.
                int end = JsonObjectEnd.of(rest);
                String data = end < 0 ? rest : rest.substring(0, end);
                String after = end < 0 ? "" : rest.substring(end);
                rest = after.isBlank() ? null : after; // text after the objects that is not one: PROTOCOL below
                Map<String, Object> chunk = parse(event.event(), data);
                finished = finished || hasFinishReason(chunk);
                if (!sink.accept(chunk)) {
                    return End.STOPPED_BY_SINK;
                }
            }
        }
        if (finished) {
            return End.FINISHED_WITHOUT_DONE;
        }
        throw failures.dropped("the stream ended before a finish_reason or [DONE]", null);
    }

    /**
     * Hands each event's data to a sink that judges it (the host's one-pass path), until the sink wants no more or
     * the body ends. An {@code event: error} is still this side's to report: the sink sees data only.
     *
     * @throws UpstreamException REJECTED for an {@code event: error}
     * @throws IOException when reading the body fails (or goes past a limit); the caller maps it
     */
    void pass(ServerSentEvents events, JsonChunkSink sink) throws IOException, UpstreamException {
        ServerSentEvent event;
        while ((event = events.next()) != null) {
            if ("error".equals(event.event())) {
                // throws REJECTED with the event's error body (PROTOCOL when it is not JSON)
                parse(event.event(), event.data());
            }
            if (!sink.acceptJson(event.data())) {
                return;
            }
        }
    }

    /** @param data one JSON object; text that is not (or not only) one object is a PROTOCOL failure */
    private Map<String, Object> parse(String eventType, String data) throws UpstreamException {
        Map<String, Object> chunk;
        try {
            chunk = json.readObject(data);
        } catch (IllegalArgumentException e) {
            throw failures.protocol("a stream event is not a JSON object", e);
        }
        if ("error".equals(eventType) || (chunk.containsKey("error") && !chunk.containsKey("choices"))) {
            throw failures.errorInStream(chunk);
        }
        return chunk;
    }

    private static boolean hasFinishReason(Map<String, Object> chunk) {
        if (chunk.get("choices") instanceof List<?> choices) {
            for (Object choice : choices) {
                if (choice instanceof Map<?, ?> c && c.get("finish_reason") != null) {
                    return true;
                }
            }
        }
        return false;
    }
}
