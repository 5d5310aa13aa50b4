package io.agentgateway.host.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bodies a client gets wrong are refused with a 400 naming the field, as OpenAI does. */
class RequestBodyParserTest {

    private static final String MESSAGES = "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]";
    private final RequestBodyParser parser = new RequestBodyParser(1 << 20);

    private Map<String, Object> parse(String fields) {
        byte[] body = ("{\"model\":\"m\"," + MESSAGES + (fields.isEmpty() ? "" : "," + fields) + "}")
                .getBytes(StandardCharsets.UTF_8);
        return parser.parse(new ByteArrayInputStream(body), body.length);
    }

    private void assertRefused(String fields, String param, String message) {
        GatewayException e = assertThrows(GatewayException.class, () -> parse(fields));
        assertEquals(400, e.status());
        assertEquals("invalid_request_error", e.type());
        assertEquals(param, e.param());
        assertEquals(message, e.getMessage());
    }

    private GatewayException refusedWhole(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return assertThrows(GatewayException.class,
                () -> parser.parseBody(new ByteArrayInputStream(bytes), bytes.length));
    }

    @Test
    void anythingAfterTheBodysObjectIsRefused() {
        String object = "{\"model\":\"m\"," + MESSAGES + "}";
        for (String after : new String[] {" garbage", "{\"model\":\"other\"," + MESSAGES + "}", "\n[]", "}", "0"}) {
            GatewayException e = refusedWhole(object + after);
            assertEquals(400, e.status(), after);
            assertEquals("invalid_request_error", e.type());
            assertNull(e.param());
            assertEquals("The request body holds more than one JSON value. Send one JSON object, with nothing after"
                    + " its closing '}'.", e.getMessage());
        }
        byte[] spaced = (" " + object + " \r\n\t\n").getBytes(StandardCharsets.UTF_8);
        assertEquals("m", parser.parseBody(new ByteArrayInputStream(spaced), spaced.length).tree().get("model"),
                "white space around the object is fine");
    }

    @Test
    void aTopLevelKeySentTwiceIsRefusedByName() {
        GatewayException model = refusedWhole("{\"model\":\"a\"," + MESSAGES + ",\"model\":\"b\"}");
        assertEquals(400, model.status());
        assertEquals("invalid_request_error", model.type());
        assertEquals("model", model.param());
        assertEquals("The request body sets 'model' more than once. Send each key once, so that the gateway and the"
                + " model read the same value.", model.getMessage());
        assertEquals("messages", refusedWhole("{\"model\":\"a\"," + MESSAGES + "," + MESSAGES + "}").param());
        String streamTwice = "{\"stream\":null,\"model\":\"a\"," + MESSAGES + ",\"stream\":true}";
        assertEquals("stream", refusedWhole(streamTwice).param(), "a null first value counts as sent");
        assertEquals(Map.of("a", 1, "b", 2), parse("\"x\":{\"a\":1,\"b\":2}").get("x"),
                "the same key in different objects is fine");
    }

    @Test
    void theOtherRoutesBodiesAreRefusedLikeAChatBodyWhenTheyHoldAKeyTwiceOrTextAfterTheObject() {
        GatewayException twice = refusedByReadObject("{\"model\":\"e\",\"input\":\"a\",\"input\":\"b\"}");
        assertEquals(400, twice.status());
        assertEquals("invalid_request_error", twice.type());
        assertEquals("input", twice.param());
        assertEquals(refusedWhole("{\"model\":\"a\"," + MESSAGES + "," + MESSAGES + "}").getMessage()
                .replace("'messages'", "'input'"), twice.getMessage(), "the chat body's message");

        GatewayException after = refusedByReadObject("{\"model\":\"e\",\"input\":\"a\"} {\"input\":\"b\"}");
        assertEquals(400, after.status());
        assertEquals("invalid_request_error", after.type());
        assertNull(after.param());
        assertEquals(refusedWhole("{\"model\":\"m\"," + MESSAGES + "} x").getMessage(), after.getMessage());

        byte[] fine = "\n{\"model\":\"e\",\"input\":{\"input\":1}}\r\n".getBytes(StandardCharsets.UTF_8);
        assertEquals(Map.of("model", "e", "input", Map.of("input", 1)),
                parser.readObject(new ByteArrayInputStream(fine), fine.length), "no chat checks, and nesting is fine");
    }

    @Test
    void aStrictObjectIsRefusedAlikeAndLeavesOtherMistakesToItsCaller() throws Exception {
        GatewayException twice = assertThrows(GatewayException.class,
                () -> RequestBodyParser.strictObject(bytes("{\"key_id\":\"a\",\"key_id\":\"b\"}")));
        assertEquals("key_id", twice.param());
        assertEquals("The request body sets 'key_id' more than once. Send each key once, so that the gateway and the"
                + " model read the same value.", twice.getMessage());
        assertNull(assertThrows(GatewayException.class,
                () -> RequestBodyParser.strictObject(bytes("{\"key_id\":\"a\"}{}"))).param());
        assertEquals(Map.of("key_id", "a"), RequestBodyParser.strictObject(bytes(" {\"key_id\":\"a\"}\n")));
        assertNull(RequestBodyParser.strictObject(bytes("[1]")), "not an object: the caller says so in its words");
        assertNull(RequestBodyParser.strictObject(new byte[0]));
        assertThrows(java.io.IOException.class, () -> RequestBodyParser.strictObject(bytes("{\"key_id\":")));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private GatewayException refusedByReadObject(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return assertThrows(GatewayException.class,
                () -> parser.readObject(new ByteArrayInputStream(bytes), bytes.length));
    }

    @Test
    void stopMustBeAStringOrAnArray() {
        assertRefused("\"stop\":5", "stop", "'stop' must be a string or an array of strings.");
        assertRefused("\"stop\":{\"a\":1}", "stop", "'stop' must be a string or an array of strings.");
        assertEquals("END", parse("\"stop\":\"END\"").get("stop"));
        assertEquals(java.util.List.of("a", "b"), parse("\"stop\":[\"a\",\"b\"]").get("stop"));
    }

    @Test
    void nMustBeAtLeastOne() {
        assertRefused("\"n\":0", "n", "'n' must be at least 1.");
        assertRefused("\"n\":-3", "n", "'n' must be at least 1.");
        assertRefused("\"n\":1.5", "n", "'n' must be an integer, not the number 1.5.");
        assertEquals(1, parse("\"n\":1").get("n"));
    }

    @Test
    void includeUsageMustBeABoolean() {
        assertRefused("\"stream\":true,\"stream_options\":{\"include_usage\":\"yes\"}", "stream_options.include_usage",
                "'stream_options.include_usage' must be a boolean.");
        assertRefused("\"stream\":true,\"stream_options\":{\"include_usage\":1}", "stream_options.include_usage",
                "'stream_options.include_usage' must be a boolean.");
        assertEquals(Map.of("include_usage", true),
                parse("\"stream\":true,\"stream_options\":{\"include_usage\":true}").get("stream_options"));
    }

    @Test
    void streamOptionsNeedAStreamAndAnObject() {
        assertRefused("\"stream_options\":{\"include_usage\":true}", "stream_options",
                "The 'stream_options' parameter is only allowed when 'stream' is enabled.");
        assertRefused("\"stream\":true,\"stream_options\":true", "stream_options", "'stream_options' must be an object.");
    }
}
