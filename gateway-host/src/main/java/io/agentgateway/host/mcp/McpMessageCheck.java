package io.agentgateway.host.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.agentgateway.host.json.Json;
import io.modelcontextprotocol.spec.McpSchema.ErrorCodes;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Checks that a POST to the MCP endpoint holds one well-formed JSON-RPC message before the MCP SDK sees it. The SDK
 * assumes well-formed input and fails with a server error on, for example, a {@code tools/call} without params; a
 * client's mistake deserves a JSON-RPC error that says what to fix.
 */
final class McpMessageCheck {

    private static final String EXAMPLE = " Send one JSON-RPC 2.0 message, such as"
            + " {\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"tools/list\"}.";

    private McpMessageCheck() {
    }

    /** A client's mistake: the HTTP status and the JSON-RPC error to answer with. */
    static final class Rejected extends Exception {
        private final int httpStatus;
        private final int code;
        private final Object id;

        Rejected(int httpStatus, int code, Object id, String message) {
            super(message, null, false, false);
            this.httpStatus = httpStatus;
            this.code = code;
            this.id = id;
        }

        int httpStatus() {
            return httpStatus;
        }

        /** @return the JSON-RPC error response; its id is the request's when it could be read, else null */
        String body() {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("code", code);
            error.put("message", getMessage());
            Map<String, Object> response = new LinkedHashMap<>();
            response.put("jsonrpc", "2.0");
            response.put("id", id);
            response.put("error", error);
            return Json.write(response);
        }
    }

    /**
     * @param body the raw request body
     * @return the body as text, to hand to the SDK
     * @throws Rejected when the body is not one JSON-RPC message the SDK can answer
     */
    static String check(byte[] body) throws Rejected {
        String text = new String(body, StandardCharsets.UTF_8);
        if (text.isBlank()) {
            throw invalid(ErrorCodes.PARSE_ERROR, null, "The request body is empty." + EXAMPLE);
        }
        JsonNode message;
        try {
            message = Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw invalid(ErrorCodes.PARSE_ERROR, null, "The request body is not valid JSON ("
                    + e.getOriginalMessage() + ")." + EXAMPLE);
        }
        if (message == null || !message.isObject()) {
            throw invalid(ErrorCodes.INVALID_REQUEST, null, "The request body must be one JSON-RPC message, a JSON"
                    + " object (arrays of messages are not supported)." + EXAMPLE);
        }
        JsonNode idNode = message.get("id");
        Object id = idNode == null || !(idNode.isTextual() || idNode.isIntegralNumber()) ? null
                : idNode.isTextual() ? idNode.asText() : idNode.numberValue();
        if (idNode != null && !idNode.isNull() && id == null) {
            throw invalid(ErrorCodes.INVALID_REQUEST, null, "'id' must be a string or an integer.");
        }
        if (!"2.0".equals(message.path("jsonrpc").asText(null))) {
            throw invalid(ErrorCodes.INVALID_REQUEST, id, "'jsonrpc' must be '2.0'." + EXAMPLE);
        }
        JsonNode method = message.get("method");
        if (method == null && id != null && (message.has("result") || message.has("error"))) {
            return text; // a response to a server request; the SDK accepts and ignores it
        }
        if (method == null || !method.isTextual() || method.asText().isBlank()) {
            throw invalid(ErrorCodes.INVALID_REQUEST, id, "The message needs a 'method' string, such as"
                    + " 'tools/list' or 'tools/call'." + EXAMPLE);
        }
        checkParams(method.asText(), message.get("params"), id);
        return text;
    }

    private static void checkParams(String method, JsonNode params, Object id) throws Rejected {
        if (params != null && !params.isNull() && !params.isObject()) {
            throw invalid(ErrorCodes.INVALID_PARAMS, id, "'params' must be an object.");
        }
        boolean missing = params == null || params.isNull();
        if (method.equals("tools/call")) {
            if (missing) {
                throw invalid(ErrorCodes.INVALID_PARAMS, id, "tools/call needs 'params' with the tool's 'name' and"
                        + " its 'arguments', such as {\"name\": \"summarize_text\","
                        + " \"arguments\": {\"text\": \"...\"}}.");
            }
            JsonNode name = params.get("name");
            if (name == null || !name.isTextual() || name.asText().isBlank()) {
                throw invalid(ErrorCodes.INVALID_PARAMS, id, "'params.name' must be the name of a tool, as"
                        + " tools/list shows it.");
            }
            JsonNode arguments = params.get("arguments");
            if (arguments != null && !arguments.isNull() && !arguments.isObject()) {
                throw invalid(ErrorCodes.INVALID_PARAMS, id, "'params.arguments' must be an object mapping the"
                        + " tool's parameter names to values.");
            }
        } else if (method.equals("initialize") && missing) {
            throw invalid(ErrorCodes.INVALID_PARAMS, id, "initialize needs 'params' with 'protocolVersion',"
                    + " 'capabilities' and 'clientInfo'.");
        }
    }

    private static Rejected invalid(int code, Object id, String message) {
        return new Rejected(400, code, id, message);
    }
}
