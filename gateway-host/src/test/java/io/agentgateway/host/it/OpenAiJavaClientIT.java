package io.agentgateway.host.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.InternalServerException;
import com.openai.errors.NotFoundException;
import com.openai.errors.OpenAIException;
import com.openai.errors.OpenAIServiceException;
import com.openai.errors.UnauthorizedException;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official OpenAI Java client, unchanged, against the real gateway with the real openai-compatible plugin jar and
 * the mock upstream as its own process.
 */
class OpenAiJavaClientIT {

    @TempDir
    static Path configDir;
    private static MockUpstreamProcess mock;
    private static RunningGateway gateway;
    private static OpenAIClient client;

    @BeforeAll
    static void start() throws Exception {
        mock = MockUpstreamProcess.start();
        gateway = RunningGateway.withMock(configDir, mock);
        client = OpenAIOkHttpClient.builder().baseUrl(gateway.baseUrl()).apiKey(RunningGateway.KEY).maxRetries(0)
                .timeout(Duration.ofSeconds(20)).build();
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        mock.close();
    }

    @Test
    void modelsListsTheUpstreamsModelsUnderItsName() throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        List<String> ids;
        do { // the upstream's list is fetched in the background at start-up
            ids = client.models().list().data().stream().map(m -> m.id()).toList();
        } while (!ids.contains("mock/mock-model") && System.currentTimeMillis() < deadline && pause());
        assertTrue(ids.contains("mock/mock-model"), ids.toString());
    }

    @Test
    void completionAnswersUnderTheRequestedModelAndForwardsUnknownFields() throws Exception {
        ChatCompletion completion = client.chat().completions().create(params("mock/mock-model", "hello")
                .putAdditionalBodyProperty("top_k", JsonValue.from(7))
                .putAdditionalBodyProperty("repeat_penalty", JsonValue.from(1.1))
                .build());
        assertEquals("echo: hello", completion.choices().get(0).message().content().orElseThrow());
        assertEquals("mock/mock-model", completion.model());
        assertTrue(completion.usage().orElseThrow().totalTokens() > 0);
        String received = mock.requestsFor("mock-model");
        assertTrue(received.contains("\"top_k\":7"), received);
        assertTrue(received.contains("\"repeat_penalty\":1.1"), received);
    }

    @Test
    void streamDeliversContentThenUsageWhenAsked() {
        List<ChatCompletionChunk> chunks = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(
                params("mock/mock-model", "stream me")
                        .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build())) {
            stream.stream().forEach(chunks::add);
        }
        StringBuilder text = new StringBuilder();
        chunks.forEach(c -> c.choices().forEach(ch -> ch.delta().content().ifPresent(text::append)));
        assertEquals("echo: stream me", text.toString());
        ChatCompletionChunk last = chunks.get(chunks.size() - 1);
        assertTrue(last.choices().isEmpty());
        assertTrue(last.usage().orElseThrow().totalTokens() > 0);
        assertTrue(chunks.get(0).choices().get(0).delta().role().isPresent(), "first delta carries the role");
    }

    @Test
    void streamedToolCallsAssembleIntoCompleteCalls() {
        for (String model : List.of("mock/tool-calls", "mock/ollama-quirks", "mock/vllm-quirks")) {
            ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
            try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(
                    params(model, "weather?").build())) {
                stream.stream().forEach(accumulator::accumulate);
            }
            ChatCompletion completion = accumulator.chatCompletion();
            List<ChatCompletionMessageFunctionToolCall> calls = completion.choices().get(0).message().toolCalls()
                    .orElseThrow().stream().map(call -> call.asFunction()).toList();
            assertEquals(2, calls.size(), model);
            assertEquals("get_weather", calls.get(0).function().name(), model);
            assertTrue(calls.get(0).function().arguments().contains("Paris"), model);
            assertEquals("get_time", calls.get(1).function().name(), model);
            assertEquals("{}", calls.get(1).function().arguments().replace(" ", ""), model);
            assertFalse(calls.get(0).id().equals(calls.get(1).id()), model);
            assertEquals(ChatCompletion.Choice.FinishReason.TOOL_CALLS, completion.choices().get(0).finishReason(),
                    model);
        }
    }

    @Test
    void errorsReachTheClientAsItsOwnExceptionClasses() {
        assertThrows(NotFoundException.class,
                () -> client.chat().completions().create(params("nowhere/model", "x").build()));
        OpenAIClient wrongKey = OpenAIOkHttpClient.builder().baseUrl(gateway.baseUrl()).apiKey("wrong")
                .maxRetries(0).build();
        assertThrows(UnauthorizedException.class, () -> wrongKey.models().list());
        BadRequestException badRequest = assertThrows(BadRequestException.class,
                () -> client.chat().completions().create(params("mock/error-400", "x").build()));
        assertFalse(badRequest.getMessage().isBlank());
        InternalServerException upstreamDown = assertThrows(InternalServerException.class,
                () -> client.chat().completions().create(params("mock/error-500", "x").build()));
        assertEquals(502, upstreamDown.statusCode());
        InternalServerException timeout = assertThrows(InternalServerException.class,
                () -> client.chat().completions().create(params("mock/hang", "x").build()));
        assertEquals(504, timeout.statusCode());
    }

    @Test
    void anUpstreamThatDropsMidStreamIsAnErrorNotACleanEnd() {
        List<ChatCompletionChunk> received = new ArrayList<>();
        OpenAIException error = assertThrows(OpenAIException.class, () -> {
            try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(
                    params("mock/drop", "x").build())) {
                stream.stream().forEach(received::add);
            }
        });
        assertFalse(received.isEmpty(), "the chunks before the drop arrived");
        assertTrue(error instanceof OpenAIServiceException, error.toString());
        assertTrue(error.getMessage().contains("broke off"), error.getMessage());
    }

    private static ChatCompletionCreateParams.Builder params(String model, String prompt) {
        return ChatCompletionCreateParams.builder().model(model).addUserMessage(prompt);
    }

    private static boolean pause() throws InterruptedException {
        Thread.sleep(100);
        return true;
    }
}
