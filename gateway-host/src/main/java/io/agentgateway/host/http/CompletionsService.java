package io.agentgateway.host.http;

import static java.util.Objects.requireNonNull;

import io.agentgateway.host.json.Json;
import io.agentgateway.host.openai.GatewayException;
import io.agentgateway.host.openai.RequestBodyParser;
import io.agentgateway.host.openai.TextCompletions;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Map;

/** {@code POST /v1/completions}, the legacy API, for every model and agent: answered through the chat path. */
public final class CompletionsService implements HttpService {

    private final ChatCompletionsService chat;
    private final RequestBodyParser parser;

    public CompletionsService(ChatCompletionsService chat, long maxBodyBytes) {
        this.chat = requireNonNull(chat, "chat is null");
        this.parser = new RequestBodyParser(maxBodyBytes);
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/completions", this::handle);
    }

    private void handle(ServerRequest req, ServerResponse res) {
        Map<String, Object> body = parser.readObject(req.content().inputStream(),
                req.headers().contentLength().orElse(-1));
        chat.serve(req, res, TextCompletions.chatBody(body), TEXT);
    }

    /** Text completions: the same events as chat, each in the {@code text_completion} shape. */
    private static final AnswerWriter TEXT = new AnswerWriter() {
        @Override
        public void complete(ServerResponse res, Map<String, Object> completion) {
            res.header(HeaderValues.CONTENT_TYPE_JSON);
            res.send(Json.writeBytes(TextCompletions.fromCompletion(completion)));
        }

        @Override
        public StreamWriter stream(SseStream sse) {
            return new StreamWriter() {
                @Override
                public boolean chunk(Map<String, Object> chunk) {
                    return sse.send(TextCompletions.fromChunk(chunk));
                }

                @Override
                public void finish() {
                    sse.done();
                }

                @Override
                public void fail(GatewayException error) {
                    sse.fail(error);
                }
            };
        }
    };
}
