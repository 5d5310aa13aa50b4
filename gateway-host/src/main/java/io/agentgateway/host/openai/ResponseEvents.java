package io.agentgateway.host.openai;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A streamed chat answer as the Responses API's event sequence: {@code response.created},
 * {@code response.in_progress}, then per output item {@code response.output_item.added}, its content
 * ({@code response.content_part.added}, {@code response.output_text.delta}..., {@code response.output_text.done},
 * {@code response.content_part.done}, or {@code response.function_call_arguments.delta}...,
 * {@code response.function_call_arguments.done}) and {@code response.output_item.done}, and last
 * {@code response.completed} (or {@code response.incomplete}) with the whole response. Every event carries a
 * {@code sequence_number} from 0. An item is closed when the next one opens, so items never interleave.
 *
 * <p>Reads normalised chunks (one choice; a tool call's id and name in its first delta only). One instance serves
 * one stream, on one thread; nothing is sent before the first chunk, so an early failure can still be a status.
 */
public final class ResponseEvents {

    /** Receives each event by type; returns false once the client is gone. */
    @FunctionalInterface
    public interface Sink {
        boolean send(String type, Map<String, Object> event);
    }

    private final Map<String, Object> started;
    private final Sink sink;
    private final List<Map<String, Object>> output = new ArrayList<>();
    private final Map<Integer, Integer> outputIndexByCall = new TreeMap<>();
    private int sequence;
    private boolean begun;
    private int openIndex = -1;
    private StringBuilder openText;
    private String finishReason;
    private Object usage;

    /** @param started the response as {@link ResponseObjects#started} made it */
    public ResponseEvents(Map<String, Object> started, Sink sink) {
        this.started = started;
        this.sink = sink;
    }

    /** @return false once the client is gone */
    @SuppressWarnings("unchecked")
    public boolean chunk(Map<String, Object> chunk) {
        if (!begin()) {
            return false;
        }
        if (chunk.get("usage") instanceof Map<?, ?> u) {
            usage = u;
        }
        if (!(chunk.get("choices") instanceof List<?> choices) || choices.isEmpty()
                || !(choices.getFirst() instanceof Map<?, ?> choice)) {
            return true;
        }
        if (choice.get("finish_reason") instanceof String reason) {
            finishReason = reason;
        }
        Map<String, Object> delta = choice.get("delta") instanceof Map<?, ?> d ? (Map<String, Object>) d : Map.of();
        if (delta.get("content") instanceof String text && !text.isEmpty() && !text(text)) {
            return false;
        }
        if (delta.get("tool_calls") instanceof List<?> calls) {
            for (Object raw : calls) {
                if (raw instanceof Map<?, ?> call && !toolCall((Map<String, Object>) call)) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Closes the open item. The response is then whole: keep it before {@link #complete} tells the client, who may
     * send the next request with {@code previous_response_id} as soon as it reads that.
     *
     * @return the finished response, or null once the client is gone
     */
    public Map<String, Object> finish() {
        if (!begin() || !closeOpen()) {
            return null;
        }
        return ResponseObjects.finished(started, output, finishReason, usage);
    }

    /** Sends {@code response.completed} (or {@code response.incomplete}) with the response {@link #finish} made. */
    public boolean complete(Map<String, Object> response) {
        String type = "completed".equals(response.get("status")) ? "response.completed" : "response.incomplete";
        return send(type, event("response", response));
    }

    /** Ends the stream with an {@code error} event; OpenAI's clients raise it. */
    public void fail(GatewayException error) {
        Map<String, Object> event = event("code", error.code());
        event.put("message", error.getMessage());
        event.put("param", error.param());
        event.put("error", OpenAiErrors.body(error).get("error"));
        send("error", event);
    }

    private boolean begin() {
        if (begun) {
            return true;
        }
        begun = true;
        return send("response.created", event("response", started))
                && send("response.in_progress", event("response", started));
    }

    private boolean text(String delta) {
        if (openText == null) {
            if (!closeOpen()) {
                return false;
            }
            Map<String, Object> item = ResponseObjects.messageItem(Ids.outputItemId("msg"), null, "in_progress");
            if (!open(item)) {
                return false;
            }
            openText = new StringBuilder();
            Map<String, Object> added = partEvent(item, ResponseObjects.textPart(""));
            if (!send("response.content_part.added", added)) {
                return false;
            }
        }
        openText.append(delta);
        Map<String, Object> event = itemEvent(output.get(openIndex));
        event.put("content_index", 0);
        event.put("delta", delta);
        event.put("logprobs", List.of());
        return send("response.output_text.delta", event);
    }

    @SuppressWarnings("unchecked")
    private boolean toolCall(Map<String, Object> call) {
        int index = call.get("index") instanceof Number n ? n.intValue() : 0;
        Map<String, Object> function = call.get("function") instanceof Map<?, ?> f
                ? new LinkedHashMap<>((Map<String, Object>) f) : Map.of();
        Integer at = outputIndexByCall.get(index);
        if (at == null) {
            if (!closeOpen()) {
                return false;
            }
            Map<String, Object> item = ResponseObjects.functionCallItem(Ids.outputItemId("fc"),
                    call.get("id") instanceof String id ? id : Ids.toolCallId(),
                    String.valueOf(function.getOrDefault("name", "")), "", "in_progress");
            if (!open(item)) {
                return false;
            }
            outputIndexByCall.put(index, openIndex);
            at = openIndex;
        }
        if (!(function.get("arguments") instanceof String arguments) || arguments.isEmpty()) {
            return true;
        }
        Map<String, Object> item = output.get(at);
        item.put("arguments", item.get("arguments") + arguments);
        Map<String, Object> event = itemEvent(item);
        event.put("delta", arguments);
        return send("response.function_call_arguments.delta", event);
    }

    private boolean open(Map<String, Object> item) {
        output.add(item);
        openIndex = output.size() - 1;
        Map<String, Object> event = event("output_index", openIndex);
        event.put("item", new LinkedHashMap<>(item));
        return send("response.output_item.added", event);
    }

    /** Sends the done events of the open item, if any, and marks it completed. */
    private boolean closeOpen() {
        if (openIndex < 0) {
            return true;
        }
        Map<String, Object> item = output.get(openIndex);
        if (openText != null) {
            Map<String, Object> part = ResponseObjects.textPart(openText.toString());
            Map<String, Object> done = itemEvent(item);
            done.put("content_index", 0);
            done.put("text", openText.toString());
            done.put("logprobs", List.of());
            if (!send("response.output_text.done", done) || !send("response.content_part.done", partEvent(item,
                    part))) {
                return false;
            }
            item.put("content", List.of(part));
            openText = null;
        } else {
            Map<String, Object> done = itemEvent(item);
            done.put("name", item.get("name"));
            done.put("arguments", item.get("arguments"));
            if (!send("response.function_call_arguments.done", done)) {
                return false;
            }
        }
        item.put("status", "completed");
        Map<String, Object> event = event("output_index", openIndex);
        event.put("item", item);
        openIndex = -1;
        return send("response.output_item.done", event);
    }

    private Map<String, Object> partEvent(Map<String, Object> item, Map<String, Object> part) {
        Map<String, Object> event = itemEvent(item);
        event.put("content_index", 0);
        event.put("part", part);
        return event;
    }

    private Map<String, Object> itemEvent(Map<String, Object> item) {
        Map<String, Object> event = event("item_id", item.get("id"));
        event.put("output_index", output.indexOf(item));
        return event;
    }

    private static Map<String, Object> event(String field, Object value) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put(field, value);
        return event;
    }

    private boolean send(String type, Map<String, Object> fields) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", type);
        event.put("sequence_number", sequence++);
        event.putAll(fields);
        return sink.send(type, event);
    }
}
