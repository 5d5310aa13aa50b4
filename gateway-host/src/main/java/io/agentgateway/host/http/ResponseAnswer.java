package io.agentgateway.host.http;

import io.agentgateway.host.json.Json;
import io.agentgateway.host.openai.GatewayException;
import io.agentgateway.host.openai.ResponseEvents;
import io.agentgateway.host.openai.ResponseObjects;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.ServerResponse;
import java.util.Map;
import java.util.function.Consumer;

/** A chat answer shown as a Responses API response, whole or as its event stream; each finished one is kept. */
final class ResponseAnswer implements AnswerWriter {

    private final Map<String, Object> started;
    private final Consumer<Map<String, Object>> keep;

    /**
     * @param started the response before any output
     * @param keep receives the finished response (not one whose stream the client left)
     */
    ResponseAnswer(Map<String, Object> started, Consumer<Map<String, Object>> keep) {
        this.started = started;
        this.keep = keep;
    }

    @Override
    public void complete(ServerResponse res, Map<String, Object> completion) {
        Map<String, Object> response = ResponseObjects.fromCompletion(started, completion);
        keep.accept(response);
        res.header(HeaderValues.CONTENT_TYPE_JSON);
        res.send(Json.writeBytes(response));
    }

    @Override
    public StreamWriter stream(SseStream sse) {
        ResponseEvents events = new ResponseEvents(started, sse::send);
        return new StreamWriter() {
            @Override
            public boolean chunk(Map<String, Object> chunk) {
                return events.chunk(chunk);
            }

            @Override
            public void finish() {
                Map<String, Object> response = events.finish();
                if (response != null) {
                    keep.accept(response);
                    events.complete(response);
                }
                sse.end();
            }

            @Override
            public void fail(GatewayException error) {
                events.fail(error);
                sse.end();
            }
        };
    }
}
