package io.agentgateway.plugins.demo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo model's rule, the same for every request (docs/guides/demo-upstream.md):
 * <ol>
 *   <li>a tool forced by {@code tool_choice} is called;</li>
 *   <li>else the first tool named in the instructions or the question (whole word, in the order they name them)
 *       that was not called since the question is called; with {@code tool_choice: required}, the first tool when
 *       none is named;</li>
 *   <li>else, once, a handoff ({@code transfer_to_*}): the one whose description shares the most words with the
 *       question;</li>
 *   <li>else it answers: the JSON the {@code response_format} schema asks for, or the tools' results, or the
 *       question repeated.</li>
 * </ol>
 * A tool whose arguments want a name is called once per name in the question, all in one turn.
 */
final class DemoModel {

    /** How much of each tool result an answer repeats. */
    static final int MAX_RESULT_CHARS = 400;
    private static final Pattern LONG_WORD = Pattern.compile("\\p{L}{4,}");

    private DemoModel() {
    }

    /** @throws BadRequest when the request cannot be answered as it stands */
    static Reply reply(Map<String, Object> body) {
        Conversation conversation = Conversation.read(body.get("messages"));
        List<OfferedTool> tools = OfferedTool.read(body.get("tools"));
        OfferedTool next = nextTool(tools, body.get("tool_choice"), conversation);
        if (next != null) {
            return call(next, conversation, !Boolean.FALSE.equals(body.get("parallel_tool_calls")));
        }
        return answer(body, conversation);
    }

    private static OfferedTool nextTool(List<OfferedTool> tools, Object toolChoice, Conversation conversation) {
        if (toolChoice instanceof Map<?, ?> forced) {
            String name = forced.get("function") instanceof Map<?, ?> function ? String.valueOf(function.get("name"))
                    : null;
            return tools.stream().filter(tool -> tool.name().equals(name)).findFirst()
                    .orElseThrow(() -> new BadRequest("tool_choice", "tool_choice names the function '" + name
                            + "', which is not among the request's tools"));
        }
        if (toolChoice != null && !Set.of("auto", "none", "required").contains(String.valueOf(toolChoice))) {
            throw new BadRequest("tool_choice", "tool_choice must be \"auto\", \"none\", \"required\" or"
                    + " {\"type\":\"function\",\"function\":{\"name\":...}}");
        }
        if (tools.isEmpty() || "none".equals(toolChoice)) {
            return null;
        }
        List<String> called = conversation.calledSinceQuestion();
        for (OfferedTool tool : named(tools, conversation.instructions() + "\n" + conversation.question())) {
            if (!called.contains(tool.name())) {
                return tool;
            }
        }
        if ("required".equals(toolChoice)) {
            return tools.get(0);
        }
        boolean handedOff = tools.stream().anyMatch(tool -> tool.handoff() && called.contains(tool.name()));
        if (!handedOff) {
            Set<String> asked = longWords(conversation.question());
            return tools.stream().filter(OfferedTool::handoff)
                    .max(Comparator.comparingInt(tool -> shared(asked, tool))) // max keeps the first of equals
                    .orElse(null);
        }
        return null;
    }

    /** @return the tools whose names occur in {@code text} as whole words, in the order of their first occurrence */
    private static List<OfferedTool> named(List<OfferedTool> tools, String text) {
        record Occurrence(OfferedTool tool, int at) {
        }
        List<Occurrence> found = new ArrayList<>();
        for (OfferedTool tool : tools) {
            Matcher matcher = Pattern.compile("(?<![\\w-])" + Pattern.quote(tool.name()) + "(?![\\w-])")
                    .matcher(text);
            if (matcher.find()) {
                found.add(new Occurrence(tool, matcher.start()));
            }
        }
        return found.stream().sorted(Comparator.comparingInt(Occurrence::at)).map(Occurrence::tool).toList();
    }

    private static int shared(Set<String> asked, OfferedTool tool) {
        Set<String> offered = longWords(tool.name().replace('_', ' ') + " " + tool.description());
        offered.retainAll(asked);
        return offered.size();
    }

    private static Set<String> longWords(String text) {
        Set<String> words = new HashSet<>();
        Matcher matcher = LONG_WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (matcher.find()) {
            words.add(matcher.group());
        }
        return words;
    }

    private static Reply call(OfferedTool tool, Conversation conversation, boolean parallel) {
        List<String> subjects = SchemaValues.wantsName(tool.parameters())
                ? Subjects.of(conversation.question()) : List.of();
        List<String> arguments = new ArrayList<>();
        if (subjects.isEmpty()) {
            arguments.add(JsonText.write(SchemaValues.arguments(tool.parameters(), conversation.question(), null)));
        }
        for (String subject : parallel ? subjects : subjects.stream().limit(1).toList()) {
            arguments.add(JsonText.write(SchemaValues.arguments(tool.parameters(), conversation.question(), subject)));
        }
        List<Reply.ToolCall> calls = new ArrayList<>();
        int words = 0;
        for (String argument : arguments) {
            // Unique within the conversation: the number of the assistant turn, then of the call in it.
            calls.add(new Reply.ToolCall("call_demo_" + (conversation.assistantTurns() + 1) + "_" + (calls.size() + 1),
                    tool.name(), argument));
            words += 1 + Words.count(argument);
        }
        return new Reply(null, List.copyOf(calls), "tool_calls", conversation.words(), words);
    }

    private static Reply answer(Map<String, Object> body, Conversation conversation) {
        String text = text(conversation);
        Map<?, ?> format = body.get("response_format") instanceof Map<?, ?> map ? map : Map.of();
        Object type = format.get("type");
        if ("json_schema".equals(type)) {
            if (!(format.get("json_schema") instanceof Map<?, ?> jsonSchema
                    && jsonSchema.get("schema") instanceof Map<?, ?> schema)) {
                throw new BadRequest("response_format", "response_format json_schema needs json_schema.schema");
            }
            String json = JsonText.write(SchemaValues.answer(schema, conversation.question()));
            return new Reply(json, List.of(), "stop", conversation.words(), Words.count(json));
        }
        if ("json_object".equals(type)) {
            String json = JsonText.write(Map.of("answer", text));
            return new Reply(json, List.of(), "stop", conversation.words(), Words.count(json));
        }
        Integer cap = maxTokens(body);
        if (cap != null && Words.count(text) > cap) {
            String cut = Words.firstWords(text, cap);
            return new Reply(cut, List.of(), "length", conversation.words(), Words.count(cut));
        }
        return new Reply(text, List.of(), "stop", conversation.words(), Words.count(text));
    }

    /** @return the tools' results when tools answered since the question, else the question repeated */
    private static String text(Conversation conversation) {
        if (conversation.resultsSinceQuestion().isEmpty()) {
            String question = conversation.question().strip();
            return "Demo echo: " + (question.isEmpty() ? "(no question)" : question);
        }
        StringBuilder text = new StringBuilder("Demo answer from the tools:");
        for (Conversation.ToolResult result : conversation.resultsSinceQuestion()) {
            String content = result.content().strip();
            if (content.length() > MAX_RESULT_CHARS) {
                content = content.substring(0, MAX_RESULT_CHARS) + "…";
            }
            text.append("\n- ").append(result.tool()).append(": ").append(content);
        }
        return text.toString();
    }

    private static Integer maxTokens(Map<String, Object> body) {
        Object cap = body.get("max_completion_tokens") != null ? body.get("max_completion_tokens")
                : body.get("max_tokens");
        return cap instanceof Number n ? n.intValue() : null;
    }
}
