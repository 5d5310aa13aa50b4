package io.agentgateway.plugins.openai;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectReader;
import io.agentgateway.api.upstream.ChunkSink;
import io.agentgateway.api.upstream.UpstreamException;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * Reads a chat-completions SSE body and hands each chunk, parsed but otherwise untouched, to a sink. Knows how a
 * stream may end: {@code [DONE]}, or the end of the body after a chunk with a {@code finish_reason} (servers that omit
 * {@code [DONE]}); anything else is a drop.
 */
final class ChunkStreamReader {

    /** How a stream that did not fail came to an end. */
    enum End { DONE, FINISHED_WITHOUT_DONE, STOPPED_BY_SINK }

    private final ObjectReader mapReader;
    private final UpstreamFailures failures;

    ChunkStreamReader(ObjectReader mapReader, UpstreamFailures failures) {
        this.mapReader = mapReader;
        this.failures = failures;
    }

    /**
     * @throws UpstreamException PROTOCOL for a chunk that is not JSON, REJECTED for an error event, DROPPED when the
     *     body ends before the stream finished
     * @throws IOException when reading the body fails; the caller maps it
     */
    End read(InputStream body, ChunkSink sink) throws IOException, UpstreamException {
        SseLines lines = new SseLines(body);
        String data = null;
        String eventType = null;
        boolean finished = false;
        String line;
        while ((line = lines.next()) != null) {
            if (line.isEmpty()) {
                if (data != null) {
                    if (data.equals("[DONE]")) {
                        return End.DONE;
                    }
                    Map<String, Object> chunk = parse(data, eventType);
                    finished = finished || hasFinishReason(chunk);
                    if (!sink.accept(chunk)) {
                        return End.STOPPED_BY_SINK;
                    }
                }
                data = null;
                eventType = null;
            } else if (line.startsWith("data:")) {
                String value = line.substring(line.length() > 5 && line.charAt(5) == ' ' ? 6 : 5);
                data = data == null ? value : data + "\n" + value;
            } else if (line.startsWith("event:")) {
                eventType = line.substring(6).trim();
            }
            // Comments (": keep-alive"), id: and retry: lines carry nothing for chat completions.
        }
        if (data != null && !data.equals("[DONE]")) {
            // The body ended right after a last event without its blank line: still a whole event.
            Map<String, Object> chunk = parse(data, eventType);
            finished = finished || hasFinishReason(chunk);
            if (!sink.accept(chunk)) {
                return End.STOPPED_BY_SINK;
            }
        } else if (data != null) {
            return End.DONE;
        }
        if (finished) {
            return End.FINISHED_WITHOUT_DONE;
        }
        throw failures.dropped("the stream ended before a finish_reason or [DONE]", null);
    }

    private Map<String, Object> parse(String data, String eventType) throws UpstreamException {
        Map<String, Object> chunk;
        try {
            chunk = mapReader.readValue(data);
        } catch (JacksonException e) {
            throw failures.protocol("a stream event is not a JSON object", e);
        }
        if (chunk == null) {
            throw failures.protocol("a stream event is not a JSON object", null);
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
