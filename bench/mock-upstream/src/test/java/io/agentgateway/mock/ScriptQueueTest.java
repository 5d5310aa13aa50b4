package io.agentgateway.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScriptQueueTest {

    @Test
    void answersComeBackFirstInFirstOutPerModel() {
        ScriptQueue queue = new ScriptQueue();
        queue.add("a", ScriptRoutes.answers("{\"responses\":[{\"content\":\"one\"},{\"content\":\"two\"}]}"));
        queue.add("b", List.of(Answer.text("other")));
        queue.add("a", List.of(Answer.text("three")));

        assertEquals("one", queue.poll("a").content());
        assertEquals("other", queue.poll("b").content());
        assertEquals("two", queue.poll("a").content());
        assertEquals("three", queue.poll("a").content());
        assertNull(queue.poll("a"), "an empty queue falls back to the scenarios");
        assertNull(queue.poll("never-scripted"));
    }

    @Test
    void scriptKeepsDelayAndExtraMessageFields() {
        Answer answer = ScriptRoutes.answers(
                "{\"responses\":[{\"role\":\"assistant\",\"content\":\"hi\",\"delay_ms\":25,"
                        + "\"reasoning_content\":\"thinking\"}]}").get(0);
        assertEquals(25, answer.delayMs());
        assertEquals("stop", answer.finishReason());
        assertEquals(java.util.Map.of("reasoning_content", "thinking"), answer.extraFields());
    }
}
