package io.agentgateway.host.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgateway.host.json.Json;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Answers passed through as JSON text are repaired in place, and what a client gets is what the tree repairs give:
 * the same chunks and completions, field for field, whichever way each was repaired, each chunk one SSE event.
 */
class PassThroughJsonTest {

    private final RequestBodyParser parser = new RequestBodyParser(1 << 20);

    private static final String ID = "\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":17,"
            + "\"model\":\"qwen\",\"system_fingerprint\":\"fp\",";

    @Test
    void aClientBodyReachesTheUpstreamByteForByteButItsModel() {
        String sent = "{ \"model\" : \"fast/m\" ,\"messages\":[{\"role\":\"user\",\"content\":\"h\\u00e9\"}],"
                + "\"temperature\":1.50,\"top_k\":4, \"seed\":12345678901234567890}";
        ChatBody body = parser.parseBody(new ByteArrayInputStream(bytes(sent)), sent.length());
        assertEquals(sent.replace("\"fast/m\"", "\"m\""), text(body.forModel("m")),
                "numbers, escapes, spacing and unknown fields exactly as the client wrote them");
        assertEquals("fast/m", body.tree().get("model"));
    }

    @Test
    void aUsualCompletionHasOnlyItsModelReplaced() {
        String answer = "{\"id\":\"chatcmpl-9\",\"object\":\"chat.completion\",\"created\":5,\"model\":\"qwen-7b\","
                + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"hi\",\"tool_calls\":[]},"
                + "\"finish_reason\":\"stop\"}],\"usage\":{\"total_tokens\":3},\"system_fingerprint\":\"x\"}";
        assertEquals(answer.replace("qwen-7b", "fast/qwen"),
                text(CompletionNormalizer.normalizeJson(bytes(answer), "fast/qwen")));
    }

    @Test
    void completionsGetWhatTheTreeRepairGives() {
        List<String> answers = List.of(
                "{\"id\":\"c\",\"object\":\"chat.completion\",\"created\":5,\"model\":\"q\",\"choices\":[]}",
                "{\"id\":\"c\",\"object\":\"text_completion\",\"created\":5,\"model\":\"q\",\"choices\":[]}",
                "{\"id\":\"c\",\"object\":\"chat.completion\",\"created\":5,\"model\":\"q\",\"choices\":[{\"index\":0,"
                        + "\"message\":{\"role\":\"assistant\",\"tool_calls\":[{\"function\":{\"name\":\"f\","
                        + "\"arguments\":{\"a\":1}}}]},\"finish_reason\":\"stop\"}]}");
        for (String answer : answers) {
            Map<String, Object> viaTree = CompletionNormalizer.normalize(read(bytes(answer)), "g/q");
            Map<String, Object> viaText = read(CompletionNormalizer.normalizeJson(bytes(answer), "g/q"));
            withoutGeneratedIds(viaTree);
            withoutGeneratedIds(viaText);
            assertEquals(viaTree, viaText, answer);
        }
    }

    @Test
    void usualChunksAreEditedInPlaceAndUnusualOnesRepairedAsTrees() {
        List<String> upstream = List.of(
                "{" + ID + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"He\"},\"finish_reason\":null}],"
                        + "\"usage\":null}",
                "{" + ID + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":null}]}",
                "{" + ID.replace("17", "18") + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"llo\"},"
                        + "\"logprobs\":null,\"finish_reason\":null}]}",
                "{\"usage\":{\"prompt_tokens\":1,\"total_tokens\":3}," + ID + "\"choices\":[{\"index\":0,"
                        + "\"delta\":{\"content\":\"!\"},\"finish_reason\":\"stop\"}]}",
                "{" + ID + "\"choices\":[],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":2,"
                        + "\"total_tokens\":3}}");
        for (boolean includeUsage : List.of(false, true)) {
            List<Map<String, Object>> viaTree = new ArrayList<>();
            ChunkNormalizer trees = new ChunkNormalizer(viaTree::add, "fast/qwen", includeUsage);
            List<Map<String, Object>> viaText = new ArrayList<>();
            List<String> texts = new ArrayList<>();
            ChunkNormalizer inPlace = new ChunkNormalizer(viaText::add, text -> {
                texts.add(text(text));
                return viaText.add(read(text));
            }, "fast/qwen", includeUsage);
            for (String chunk : upstream) {
                trees.accept(read(bytes(chunk)));
                inPlace.acceptJson(chunk);
            }
            trees.finish();
            inPlace.finish();
            assertEquals(viaTree, viaText, "include_usage " + includeUsage);
            assertEquals(4, texts.size(), "every chunk with choices went out as edited text");
            assertEquals(includeUsage ? upstream.get(0).replace("\"qwen\"", "\"fast/qwen\"")
                            .replace("\"content\":\"He\"", "\"role\":\"assistant\",\"content\":\"He\"")
                            : upstream.get(0).replace("\"qwen\"", "\"fast/qwen\"")
                            .replace("\"content\":\"He\"", "\"role\":\"assistant\",\"content\":\"He\"")
                            .replace(",\"usage\":null", ""),
                    texts.getFirst(), "only the model, the role and the usage field were touched");
            assertTrue(texts.get(2).contains("\"created\":17"), "created as the first chunk said");
        }
    }

    @Test
    void toolCallChunksGetTheTreeRepairsWithTheSameState() {
        List<String> upstream = List.of(
                "{" + ID + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},"
                        + "\"finish_reason\":null}]}",
                "{" + ID + "\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"function\":{\"name\":\"f\","
                        + "\"arguments\":{\"x\":1}}}]},\"finish_reason\":null}]}",
                "{" + ID + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}");
        List<Map<String, Object>> viaTree = new ArrayList<>();
        ChunkNormalizer trees = new ChunkNormalizer(viaTree::add, "m", false);
        List<Map<String, Object>> viaText = new ArrayList<>();
        ChunkNormalizer inPlace = new ChunkNormalizer(viaText::add, text -> viaText.add(read(text)), "m", false);
        for (String chunk : upstream) {
            trees.accept(read(bytes(chunk)));
            inPlace.acceptJson(chunk);
        }
        trees.finish();
        inPlace.finish();
        viaTree.forEach(PassThroughJsonTest::withoutGeneratedIds);
        viaText.forEach(PassThroughJsonTest::withoutGeneratedIds);
        assertEquals(viaTree, viaText);
        assertEquals("tool_calls", ((Map<?, ?>) ((List<?>) viaText.getLast().get("choices")).getFirst())
                .get("finish_reason"), "stop after tool calls still becomes tool_calls");
    }

    @Test
    void chunksWithLineBreaksReachTheClientAsOneEventOfValidJsonEach() {
        List<String> upstream = List.of(
                "{\n  " + ID.replace(",", ",\n  ") + "\"choices\": [\r\n    {\"index\": 0, \"delta\": {\"content\":"
                        + " \"a\\nb\"},\r\n     \"finish_reason\": null}\n  ]\n}\n",
                "{" + ID + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"c\"},\"finish_reason\":null}]}\n"
                        + "{" + ID + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"d\"},"
                        + "\"finish_reason\":null}]}",
                "{" + ID + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\r\n");
        List<Map<String, Object>> viaTree = new ArrayList<>();
        ChunkNormalizer trees = new ChunkNormalizer(viaTree::add, "m", false);
        List<Map<String, Object>> viaText = new ArrayList<>();
        ChunkNormalizer inPlace = new ChunkNormalizer(viaText::add, text -> {
            List<String> events = eventsAsAClientReadsThem(text);
            assertEquals(1, events.size(), text(text));
            return viaText.add(read(bytes(events.getFirst())));
        }, "m", false);
        for (String chunk : upstream) {
            trees.accept(read(bytes(chunk)));
            inPlace.acceptJson(chunk);
        }
        trees.finish();
        inPlace.finish();
        assertEquals(viaTree, viaText);
        assertEquals("a\nb", ((Map<?, ?>) ((Map<?, ?>) ((List<?>) viaText.getFirst().get("choices")).getFirst())
                .get("delta")).get("content"), "a line break escaped inside a string stays as it was");
    }

    @Test
    void aChunkWithARawLineBreakInsideAStringIsRefusedNotSentCut() {
        List<byte[]> sent = new ArrayList<>();
        ChunkNormalizer inPlace = new ChunkNormalizer(chunk -> sent.add(Json.writeBytes(chunk)), sent::add, "m",
                false);
        String rawBreak = "{" + ID + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\nb\"},"
                + "\"finish_reason\":null}]}";
        GatewayException refused = assertThrows(GatewayException.class, () -> inPlace.acceptJson(rawBreak));
        assertEquals(502, refused.status());
        assertEquals(List.of(), sent, "nothing reached the client");
    }

    /**
     * The data of each event a client reads when a chunk is sent as the gateway frames it ({@code data: <json>} and
     * a blank line), read as SSE clients do: CR, LF and CRLF end a line, lines other than {@code data:} are ignored,
     * and a blank line ends the event.
     */
    private static List<String> eventsAsAClientReadsThem(byte[] json) {
        List<String> events = new ArrayList<>();
        StringBuilder data = null;
        for (String line : ("data: " + text(json) + "\n\n").split("\r\n|\r|\n", -1)) {
            if (line.isEmpty() && data != null) {
                events.add(data.toString());
                data = null;
            } else if (line.startsWith("data:")) {
                String value = line.substring(line.startsWith("data: ") ? 6 : 5);
                data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
            }
        }
        return events;
    }

    @SuppressWarnings("unchecked")
    private static void withoutGeneratedIds(Object value) {
        if (value instanceof Map<?, ?> map) {
            if (map.get("id") instanceof String id && id.startsWith("call_")) {
                ((Map<String, Object>) map).put("id", "call_");
            }
            map.values().forEach(PassThroughJsonTest::withoutGeneratedIds);
        } else if (value instanceof List<?> list) {
            list.forEach(PassThroughJsonTest::withoutGeneratedIds);
        }
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, Object> read(byte[] json) {
        try {
            return Json.readObject(json);
        } catch (java.io.IOException e) {
            throw new AssertionError(new String(json, StandardCharsets.UTF_8), e);
        }
    }

    private static String text(byte[] json) {
        return new String(json, StandardCharsets.UTF_8);
    }
}
