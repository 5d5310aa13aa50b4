package io.agentgateway.host.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a chat body shows of itself where it may be logged. */
class ChatBodyTest {

    @Test
    void itsTextShowsTheModelAndSizeButNoneOfThePrompt() {
        String sent = "{\"model\":\"fast/m\",\"messages\":[{\"role\":\"user\",\"content\":\"my card is 4111\"}]}";
        byte[] json = sent.getBytes(StandardCharsets.UTF_8);
        ChatBody body = new ChatBody(Map.of("model", "fast/m",
                "messages", List.of(Map.of("role", "user", "content", "my card is 4111"))), json, 9, 17);
        assertEquals("ChatBody[model=fast/m, " + json.length + " bytes]", body.toString());
    }
}
