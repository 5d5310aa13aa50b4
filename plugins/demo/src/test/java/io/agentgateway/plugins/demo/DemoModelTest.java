package io.agentgateway.plugins.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoModelTest {

    private static final Map<String, Object> WEATHER = tool("get_weather", "Current weather conditions for a city",
            Map.of("type", "object", "required", List.of("city"), "properties", Map.of(
                    "city", Map.of("type", "string", "description", "City name, e.g. Paris"),
                    "unit", Map.of("type", "string", "enum", List.of("CELSIUS", "FAHRENHEIT")))));

    @Test
    void aPlainQuestionIsRepeatedWithItsWordsCountedAsTokens() {
        Reply reply = DemoModel.reply(body(List.of(user("Hello there"))));

        assertEquals("Demo echo: Hello there", reply.content());
        assertEquals("stop", reply.finishReason());
        assertEquals(2, reply.promptTokens());
        assertEquals(4, reply.completionTokens());
    }

    @Test
    void toolsNamedInTheInstructionsAreCalledOneATurnInTheOrderTheyAreNamed() {
        String instructions = "First call plan, then call research; call current_time if needed; finally write.";
        List<Object> tools = List.of(agentTool("write"), agentTool("research"), agentTool("plan"),
                agentTool("current_time"), agentTool("unmentioned"));
        List<Object> messages = new ArrayList<>(List.of(system(instructions), user("Plan a workshop")));
        List<String> order = new ArrayList<>();
        while (true) {
            Map<String, Object> body = body(messages);
            body.put("tools", tools);
            Reply reply = DemoModel.reply(body);
            if (reply.toolCalls().isEmpty()) {
                assertTrue(reply.content().startsWith("Demo answer from the tools:\n- plan: done by plan"),
                        reply.content());
                break;
            }
            assertEquals(1, reply.toolCalls().size());
            Reply.ToolCall call = reply.toolCalls().get(0);
            assertEquals("{\"input\":\"Plan a workshop\"}", call.arguments());
            order.add(call.name());
            messages.add(assistantCalling(call));
            messages.add(toolResult(call.id(), "done by " + call.name()));
        }
        assertEquals(List.of("plan", "research", "current_time", "write"), order);
    }

    @Test
    void aNameInsideAnotherWordDoesNotCount() {
        Map<String, Object> body = body(List.of(system("Planning is not the same as a planner."),
                user("hello")));
        body.put("tools", List.of(agentTool("plan")));

        assertEquals("Demo echo: hello", DemoModel.reply(body).content());
    }

    @Test
    void aToolAskingForANameIsCalledOncePerNameInTheQuestion() {
        Map<String, Object> body = body(List.of(system("Call get_weather for each city."),
                user("What is the weather in Tokyo and New York? I wonder.")));
        body.put("tools", List.of(WEATHER));

        Reply reply = DemoModel.reply(body);

        assertEquals("tool_calls", reply.finishReason());
        assertEquals(List.of("{\"city\":\"Tokyo\"}", "{\"city\":\"New York\"}"),
                reply.toolCalls().stream().map(Reply.ToolCall::arguments).toList());
        assertEquals(List.of("call_demo_1_1", "call_demo_1_2"),
                reply.toolCalls().stream().map(Reply.ToolCall::id).toList());

        body.put("parallel_tool_calls", false);
        assertEquals(List.of("{\"city\":\"Tokyo\"}"),
                DemoModel.reply(body).toolCalls().stream().map(Reply.ToolCall::arguments).toList());
    }

    @Test
    void withNoNameInTheQuestionTheWholeQuestionIsTheArgument() {
        Map<String, Object> body = body(List.of(system("Use get_weather."), user("weather in tokyo")));
        body.put("tools", List.of(WEATHER));

        assertEquals("{\"city\":\"weather in tokyo\"}", DemoModel.reply(body).toolCalls().get(0).arguments());
    }

    @Test
    void theToolsResultsMakeTheAnswer() {
        Reply.ToolCall call = new Reply.ToolCall("call_1", "get_weather", "{\"city\":\"Tokyo\"}");
        Map<String, Object> body = body(List.of(system("Call get_weather."), user("Weather in Tokyo"),
                assistantCalling(call), toolResult("call_1", "{\"city\":\"Tokyo\",\"conditions\":\"clear\"}")));
        body.put("tools", List.of(WEATHER));

        Reply reply = DemoModel.reply(body);

        assertEquals("Demo answer from the tools:\n- get_weather: {\"city\":\"Tokyo\",\"conditions\":\"clear\"}",
                reply.content());
    }

    @Test
    void aForcedToolIsCalledEvenWhenNobodyNamesIt() {
        Map<String, Object> body = body(List.of(user("Anything")));
        body.put("tools", List.of(agentTool("gather"), agentTool("other")));
        body.put("tool_choice", Map.of("type", "function", "function", Map.of("name", "other")));

        assertEquals("other", DemoModel.reply(body).toolCalls().get(0).name());

        body.put("tool_choice", "required");
        assertEquals("gather", DemoModel.reply(body).toolCalls().get(0).name());

        body.put("tool_choice", "none");
        assertTrue(DemoModel.reply(body).toolCalls().isEmpty(), "none calls nothing");
    }

    @Test
    void aForcedToolThatIsNotOfferedIsTheClientsMistake() {
        Map<String, Object> body = body(List.of(user("Anything")));
        body.put("tools", List.of(agentTool("gather")));
        body.put("tool_choice", Map.of("type", "function", "function", Map.of("name", "missing")));

        BadRequest problem = assertThrows(BadRequest.class, () -> DemoModel.reply(body));
        assertEquals("tool_choice", problem.param());
        assertTrue(problem.getMessage().contains("'missing'"), problem.getMessage());
    }

    @Test
    void theHandoffSharingMostWordsWithTheQuestionIsTakenOnce() {
        List<Object> tools = List.of(
                tool("transfer_to_technical", "Writes the report for engineering and software questions", Map.of()),
                tool("transfer_to_strategy", "Writes the report for business and planning questions", Map.of()));
        Map<String, Object> body = body(List.of(user("Which business model suits us?")));
        body.put("tools", tools);
        assertEquals("transfer_to_strategy", DemoModel.reply(body).toolCalls().get(0).name());

        body = body(List.of(user("How do we cache pages?")));
        body.put("tools", tools);
        assertEquals("transfer_to_technical", DemoModel.reply(body).toolCalls().get(0).name(), "ties go to the first");

        Reply.ToolCall handoff = new Reply.ToolCall("call_1", "transfer_to_technical", "{}");
        body = body(List.of(user("How do we cache pages?"), assistantCalling(handoff), toolResult("call_1", "ok")));
        body.put("tools", tools);
        assertEquals("stop", DemoModel.reply(body).finishReason(), "no second handoff after the first");
    }

    @Test
    void aStructuredAnswerFollowsTheSchema() {
        Map<String, Object> schema = Map.of("type", "object", "required", List.of("title", "confidence"),
                "additionalProperties", false, "properties", new LinkedHashMap<>(Map.of(
                        "title", Map.of("type", "string"),
                        "findings", Map.of("type", "array", "items", Map.of("type", "string")),
                        "confidence", Map.of("type", "number", "minimum", 0, "maximum", 1),
                        "level", Map.of("type", "string", "enum", List.of("low", "high")),
                        "count", Map.of("type", "integer", "minimum", 3),
                        "urgent", Map.of("type", "boolean"),
                        "owner", Map.of("$ref", "#/$defs/person"))),
                "$defs", Map.of("person", Map.of("type", "object", "properties", Map.of(
                        "email", Map.of("type", "string", "format", "email")))));
        Map<String, Object> body = body(List.of(user("Cache?")));
        body.put("response_format", Map.of("type", "json_schema",
                "json_schema", Map.of("name", "report", "schema", schema)));

        Reply reply = DemoModel.reply(body);

        for (String field : List.of("\"title\":\"Demo title for: Cache?\"", "\"findings\":[\"Demo findings for: Cache?\"]",
                "\"confidence\":0.0", "\"level\":\"low\"", "\"count\":3", "\"urgent\":false",
                "\"owner\":{\"email\":\"demo@example.com\"}")) {
            assertTrue(reply.content().contains(field), field + " in " + reply.content());
        }
        assertTrue(reply.content().startsWith("{") && reply.content().endsWith("}"), reply.content());
    }

    @Test
    void aTokenCapCutsTheAnswerAndSaysSo() {
        Map<String, Object> body = body(List.of(user("one two three four five")));
        body.put("max_tokens", 3);

        Reply reply = DemoModel.reply(body);

        assertEquals("Demo echo: one", reply.content());
        assertEquals("length", reply.finishReason());
        assertEquals(3, reply.completionTokens());
    }

    @Test
    void contentPartsAreReadAsText() {
        Map<String, Object> body = body(List.of(Map.of("role", "user", "content",
                List.of(Map.of("type", "text", "text", "Hi"), Map.of("type", "image_url", "image_url", Map.of())))));

        assertEquals("Demo echo: Hi", DemoModel.reply(body).content());
    }

    @Test
    void messagesThatAreNotAListAreRefused() {
        BadRequest problem = assertThrows(BadRequest.class, () -> DemoModel.reply(Map.of("messages", "hi")));
        assertEquals("messages", problem.param());
    }

    private static Map<String, Object> body(List<?> messages) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", "echo");
        body.put("messages", messages);
        return body;
    }

    private static Map<String, Object> user(String text) {
        return Map.of("role", "user", "content", text);
    }

    private static Map<String, Object> system(String text) {
        return Map.of("role", "system", "content", text);
    }

    private static Map<String, Object> assistantCalling(Reply.ToolCall call) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("role", "assistant");
        message.put("content", null);
        message.put("tool_calls", List.of(Map.of("id", call.id(), "type", "function",
                "function", Map.of("name", call.name(), "arguments", call.arguments()))));
        return message;
    }

    private static Map<String, Object> toolResult(String callId, String content) {
        return Map.of("role", "tool", "tool_call_id", callId, "content", content);
    }

    private static Map<String, Object> agentTool(String name) {
        return tool(name, "An agent", Map.of("type", "object", "required", List.of("input"),
                "properties", Map.of("input", Map.of("type", "string"))));
    }

    static Map<String, Object> tool(String name, String description, Map<String, Object> parameters) {
        return Map.of("type", "function", "function",
                Map.of("name", name, "description", description, "parameters", parameters));
    }
}
