package io.agentgateway.host.http;

import io.agentgateway.host.json.Json;
import io.agentgateway.host.openai.GatewayException;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.ServerResponse;
import java.util.Map;

/**
 * How a chat answer reaches the client. Chat completions send it as it is; {@code /v1/responses} and
 * {@code /v1/completions} translate it. Everything before (keys, model access, limits, usage, the upstream or agent
 * call, its errors) is the one chat path of {@link ChatCompletionsService}, whichever route the request came by.
 */
interface AnswerWriter {

    /** Sends a whole answer: {@code completion} is a normalised {@code chat.completion}. */
    void complete(ServerResponse res, Map<String, Object> completion);

    /** @return the writer of one streamed answer to {@code sse} */
    StreamWriter stream(SseStream sse);

    /** One streamed answer, on one thread. */
    interface StreamWriter {

        /** @param chunk a normalised {@code chat.completion.chunk}; @return false once the client is gone */
        boolean chunk(Map<String, Object> chunk);

        /** Ends a stream whose chunks all arrived. */
        void finish();

        /** Ends a started stream with an error the client can see. */
        void fail(GatewayException error);
    }

    /** Chat completions: the completion as JSON; chunks as {@code data:} events and {@code [DONE]} at the end. */
    AnswerWriter CHAT = new AnswerWriter() {
        @Override
        public void complete(ServerResponse res, Map<String, Object> completion) {
            res.header(HeaderValues.CONTENT_TYPE_JSON);
            res.send(Json.writeBytes(completion));
        }

        @Override
        public StreamWriter stream(SseStream sse) {
            return new StreamWriter() {
                @Override
                public boolean chunk(Map<String, Object> chunk) {
                    return sse.send(chunk);
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
