package io.agentgateway.host.openai;

import io.agentgateway.api.upstream.JsonChunkSink;
import io.agentgateway.host.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Turns whatever an upstream streams into the chunks OpenAI clients rely on (docs/protocol.md): one id, created and
 * model for every chunk; {@code role} in each choice's first delta; tool-call deltas with an {@code index} each, and
 * {@code id}, {@code type} and {@code function.name} only in the first delta of that index; arguments always a string;
 * {@code finish_reason} {@code tool_calls} whenever tools were called; each choice finished; usage shown only when the
 * client asked, in one chunk with no choices before {@code [DONE]}.
 *
 * <p>One instance serves one stream, on one thread.
 */
public final class ChunkNormalizer implements JsonChunkSink {

    private final Predicate<Map<String, Object>> downstream;
    /** Receives chunks passed through as JSON text, or null: then every chunk is shaped as a map. */
    private final Predicate<byte[]> texts;
    private final String model;
    private final byte[] modelJson;
    private final boolean includeUsage;
    private final Map<Integer, ChoiceState> choices = new HashMap<>();
    private String id;
    private Object created;
    private Object usage;

    /**
     * @param downstream receives normalised chunks; returns false once the client is gone
     * @param model the model id the client asked for, shown in every chunk
     * @param includeUsage whether the client asked for {@code stream_options.include_usage}
     */
    ChunkNormalizer(Predicate<Map<String, Object>> downstream, String model, boolean includeUsage) {
        this(downstream, null, model, includeUsage);
    }

    ChunkNormalizer(Predicate<Map<String, Object>> downstream, Predicate<byte[]> texts, String model,
            boolean includeUsage) {
        this.downstream = downstream;
        this.texts = texts;
        this.model = model;
        this.modelJson = Json.writeBytes(model);
        this.includeUsage = includeUsage;
    }

    /**
     * The one place that decides whether a stream shows usage: when the client's body asks for it with
     * {@code stream_options.include_usage}.
     *
     * @param downstream receives normalised chunks; returns false once the client is gone
     * @param model the model id the client asked for, shown in every chunk
     * @param body the client's request body
     */
    public static ChunkNormalizer forRequest(Predicate<Map<String, Object>> downstream, String model,
            Map<String, Object> body) {
        return forRequest(downstream, null, model, body);
    }

    /**
     * As {@link #forRequest(Predicate, String, Map)}, for chunks that arrive as JSON text ({@link #acceptJson}):
     * those that need no repair beyond a field or two leave as text, repaired in place; the rest as maps.
     *
     * @param texts receives chunks as UTF-8 JSON; returns false once the client is gone
     */
    public static ChunkNormalizer forRequest(Predicate<Map<String, Object>> downstream, Predicate<byte[]> texts,
            String model, Map<String, Object> body) {
        boolean includeUsage = body.get("stream_options") instanceof Map<?, ?> options
                && Boolean.TRUE.equals(options.get("include_usage"));
        return new ChunkNormalizer(downstream, texts, model, includeUsage);
    }

    /**
     * One chunk as the upstream's JSON text, already checked to be a JSON object. The usual chunk (text deltas, an
     * index, a finish reason or null) needs at most its model, the client's id and created, the first delta's role
     * and usage set: those are edited in the upstream's bytes, which then go on as they are. Any other chunk is
     * repaired as a tree ({@link #accept}), with the same state.
     */
    @Override
    public boolean acceptJson(String data) {
        if (data.equals(DONE)) {
            return false; // the end, where an upstream is called without the host's checks (tests): not a chunk
        }
        byte[] json = data.getBytes(StandardCharsets.UTF_8);
        if (texts != null) {
            ChunkScan scan = ChunkScan.of(json);
            if (scan.simple && fitsInPlace(scan)) {
                return inPlace(scan);
            }
        }
        Map<String, Object> chunk;
        try {
            chunk = Json.readObject(json);
        } catch (java.io.IOException e) {
            throw new GatewayException(502, "api_error", "upstream_protocol", null,
                    "The upstream sent a stream event that is not a JSON object.");
        }
        return accept(chunk);
    }

    private boolean fitsInPlace(ChunkScan scan) {
        if (scan.choices == null || scan.choices.isEmpty()) {
            return true; // usage only: nothing is sent
        }
        for (ChunkScan.Choice choice : scan.choices) {
            ChoiceState state = choices.get(choice.index());
            if (choice.finishReason() != null && state != null && state.toolCalls.any()) {
                return false; // the finish reason may become tool_calls, and empty arguments be closed
            }
        }
        return true;
    }

    private boolean inPlace(ChunkScan scan) {
        if (id == null) {
            id = scan.id;
            created = scan.created;
        }
        if (scan.usage != null) {
            usage = scan.usage;
        }
        if (scan.choices == null || scan.choices.isEmpty()) {
            return true; // a usage-only chunk: its totals go out once, at the end
        }
        JsonSplice splice = new JsonSplice();
        if (!id.equals(scan.id)) {
            splice.replace(scan.idSpan.start(), scan.idSpan.end(), Json.writeBytes(id));
        }
        if (!created.equals(scan.created)) {
            splice.replace(scan.createdSpan.start(), scan.createdSpan.end(), Json.writeBytes(created));
        }
        if (!"chat.completion.chunk".equals(scan.object)) {
            splice.replace(scan.objectSpan.start(), scan.objectSpan.end(), CHUNK_OBJECT);
        }
        splice.replace(scan.modelSpan.start(), scan.modelSpan.end(), modelJson);
        if (includeUsage && !scan.usageSpan.present()) {
            splice.insert(scan.close, USAGE_NULL); // last, as the client's other chunks have it
        } else if (scan.usageSpan.present()) {
            if (includeUsage) {
                if (!scan.usageNull) {
                    splice.replace(scan.usageSpan.start(), scan.usageSpan.end(), NULL);
                }
            } else if (scan.beforeUsage >= 0) {
                splice.remove(scan.beforeUsage, scan.usageSpan.end()); // the comma before it too
            } else {
                splice.remove(scan.usageSpan.keyStart(), scan.afterUsage); // up to the next key
            }
        }
        for (ChunkScan.Choice choice : scan.choices) {
            ChoiceState state = choices.computeIfAbsent(choice.index(), i -> new ChoiceState());
            if (!state.roleSent) {
                if (!choice.hasRole()) {
                    splice.insert(choice.deltaOpen() + 1, choice.deltaEmpty() ? ROLE : ROLE_AND_MORE);
                }
                state.roleSent = true;
            }
            if (choice.finishReason() != null) {
                state.finished = true;
            }
        }
        return texts.test(onOneLine(splice.apply(scan.json)));
    }

    /**
     * A chunk goes to the client as one SSE {@code data:} line, and a line break ends that line: a pretty-printed
     * chunk, or one the upstream spread over several {@code data:} lines, would reach the client cut short. In a
     * chunk the scan accepted, CR and LF can only be white space between tokens (JSON strings cannot hold them raw,
     * and the parser refuses them), so a space means the same. In UTF-8 these bytes never occur inside a character.
     */
    private static byte[] onOneLine(byte[] json) {
        for (int i = 0; i < json.length; i++) {
            if (json[i] == '\n' || json[i] == '\r') {
                json[i] = ' ';
            }
        }
        return json;
    }

    private static final byte[] CHUNK_OBJECT = Json.writeBytes("chat.completion.chunk");
    private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] USAGE_NULL = ",\"usage\":null".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ROLE = "\"role\":\"assistant\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ROLE_AND_MORE = "\"role\":\"assistant\",".getBytes(StandardCharsets.US_ASCII);

    @Override
    @SuppressWarnings("unchecked")
    public boolean accept(Map<String, Object> chunk) {
        if (id == null) {
            id = chunk.get("id") instanceof String s && !s.isBlank() ? s : Ids.completionId();
            created = chunk.get("created") instanceof Number n ? n : System.currentTimeMillis() / 1000;
        }
        Object chunkUsage = chunk.get("usage");
        if (chunkUsage instanceof Map<?, ?>) {
            usage = chunkUsage;
        }
        if (!(chunk.get("choices") instanceof List<?> rawChoices) || rawChoices.isEmpty()) {
            return true; // a usage-only chunk: its totals go out once, at the end
        }
        List<Object> out = new ArrayList<>(rawChoices.size());
        List<Map<String, Object>> pending = new ArrayList<>();
        for (Object raw : rawChoices) {
            if (raw instanceof Map<?, ?> choice) {
                out.add(normalizeChoice((Map<String, Object>) choice, pending));
            }
        }
        for (Map<String, Object> extra : pending) {
            if (!downstream.test(extra)) {
                return false;
            }
        }
        return downstream.test(envelope(chunk, out));
    }

    /** Finishes every choice the upstream left open, then sends usage if asked. Call when the upstream ended. */
    public boolean finish() {
        if (choices.isEmpty()) {
            choices.put(0, new ChoiceState());
            Map<String, Object> delta = new LinkedHashMap<>();
            delta.put("role", "assistant");
            delta.put("content", "");
            if (!downstream.test(envelope(Map.of(), List.of(choice(0, delta, null))))) {
                return false;
            }
        }
        for (Map.Entry<Integer, ChoiceState> entry : choices.entrySet()) {
            ChoiceState state = entry.getValue();
            if (!state.finished) {
                List<Map<String, Object>> pending = new ArrayList<>();
                String reason = finishReason(entry.getKey(), state, "stop", pending);
                for (Map<String, Object> extra : pending) {
                    if (!downstream.test(extra)) {
                        return false;
                    }
                }
                if (!downstream.test(envelope(Map.of(), List.of(choice(entry.getKey(), Map.of(), reason))))) {
                    return false;
                }
            }
        }
        if (includeUsage && usage != null) {
            Map<String, Object> last = envelope(Map.of(), List.of());
            last.put("usage", usage);
            return downstream.test(last);
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> normalizeChoice(Map<String, Object> choice, List<Map<String, Object>> pending) {
        int index = choice.get("index") instanceof Number n ? n.intValue() : 0;
        ChoiceState state = choices.computeIfAbsent(index, i -> new ChoiceState());
        Map<String, Object> delta = choice.get("delta") instanceof Map<?, ?> d
                ? new LinkedHashMap<>((Map<String, Object>) d) : new LinkedHashMap<>();
        if (!state.roleSent) {
            Map<String, Object> withRole = new LinkedHashMap<>();
            withRole.put("role", "assistant");
            withRole.putAll(delta);
            withRole.putIfAbsent("role", "assistant");
            delta = withRole;
            state.roleSent = true;
        }
        if (delta.get("tool_calls") instanceof List<?> calls) {
            List<Object> normalized = new ArrayList<>(calls.size());
            for (Object call : calls) {
                if (call instanceof Map<?, ?> m) {
                    normalized.add(state.toolCalls.normalize((Map<String, Object>) m));
                }
            }
            delta.put("tool_calls", normalized);
        } else if (delta.containsKey("tool_calls")) {
            delta.remove("tool_calls");
        }
        Object reason = choice.get("finish_reason");
        String finish = reason instanceof String r ? finishReason(index, state, r, pending) : null;
        Map<String, Object> out = new LinkedHashMap<>(choice);
        out.put("index", index);
        out.put("delta", delta);
        out.put("finish_reason", finish);
        return out;
    }

    private String finishReason(int index, ChoiceState state, String reason, List<Map<String, Object>> pending) {
        state.finished = true;
        for (Map<String, Object> emptyArguments : state.toolCalls.closeEmptyArguments()) {
            Map<String, Object> delta = new LinkedHashMap<>();
            delta.put("tool_calls", List.of(emptyArguments));
            pending.add(envelope(Map.of(), List.of(choice(index, delta, null))));
        }
        return state.toolCalls.any() && "stop".equals(reason) ? "tool_calls" : reason;
    }

    private Map<String, Object> envelope(Map<String, Object> upstreamChunk, List<Object> choiceList) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        out.put("object", "chat.completion.chunk");
        out.put("created", created);
        out.put("model", model);
        for (Map.Entry<String, Object> field : upstreamChunk.entrySet()) {
            if (!ENVELOPE_FIELDS.contains(field.getKey())) {
                out.put(field.getKey(), field.getValue()); // system_fingerprint and vendor extras pass through
            }
        }
        out.put("choices", choiceList);
        if (includeUsage) {
            out.put("usage", null);
        }
        return out;
    }

    private static Map<String, Object> choice(int index, Map<String, Object> delta, String finishReason) {
        Map<String, Object> choice = new LinkedHashMap<>();
        choice.put("index", index);
        choice.put("delta", delta);
        choice.put("finish_reason", finishReason);
        return choice;
    }

    private static final java.util.Set<String> ENVELOPE_FIELDS =
            java.util.Set.of("id", "object", "created", "model", "choices", "usage");

    private static final class ChoiceState {
        boolean roleSent;
        boolean finished;
        final ToolCallDeltas toolCalls = new ToolCallDeltas();
    }

    /** Serialises tool-call arguments sent as JSON objects (Ollama) into the string OpenAI clients expect. */
    static String argumentsText(Object arguments) {
        return arguments instanceof String s ? s : Json.write(arguments);
    }
}
