package io.agentgateway.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ToolOnceTest {

    @Test
    void callsTheToolWithTheQuestionUntilItsResultArrivesThenAnswersWithIt() {
        Map<String, Object> question = Map.of("role", "user", "content", "one two three");
        Answer first = ChatCompletionsHandler.toolOnce("word_count", Map.of("messages", List.of(question)));
        assertNull(first.content());
        assertEquals("tool_calls", first.finishReason());
        Map<?, ?> function = (Map<?, ?>) first.toolCalls().getFirst().get("function");
        assertEquals("word_count", function.get("name"));
        assertEquals(Map.of("text", "one two three"), Json.parse(function.get("arguments").toString()));

        Map<String, Object> called = Map.of("role", "assistant", "tool_calls", first.toolCalls());
        Map<String, Object> result = Map.of("role", "tool", "tool_call_id", "call_mock_word_count", "content", "3");
        Answer second = ChatCompletionsHandler.toolOnce("word_count",
                Map.of("messages", List.of(question, called, result)));
        assertEquals("tool said: 3", second.content());
        assertEquals("stop", second.finishReason());
    }

    @Test
    void aNewQuestionAfterAnEarlierToolResultCallsTheToolAgain() {
        Answer answer = ChatCompletionsHandler.toolOnce("word_count", Map.of("messages", List.of(
                Map.of("role", "user", "content", "a b"),
                Map.of("role", "tool", "content", "2"),
                Map.of("role", "user", "content", "c"))));
        assertEquals("tool_calls", answer.finishReason());
    }
}
