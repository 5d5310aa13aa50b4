package io.agentgateway.testkit.agent;

import io.agentgateway.api.upstream.ChatRequest;
import io.agentgateway.api.upstream.ChunkSink;
import io.agentgateway.api.upstream.Upstream;
import io.agentgateway.api.upstream.UpstreamException;
import io.agentgateway.mock.ScriptedAnswers;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An upstream in the test's JVM that answers from a script in the mock server's format, with the objects the mock
 * server sends, and keeps every request body it was sent.
 */
final class ScriptedUpstream implements Upstream {

    static final String MODEL = "scripted-model";

    private final ScriptedAnswers answers = new ScriptedAnswers(3);
    private final List<Map<String, Object>> requests = new CopyOnWriteArrayList<>();

    void script(String responsesJson) {
        answers.script(responsesJson);
    }

    List<Map<String, Object>> requests() {
        return List.copyOf(requests);
    }

    @Override
    public List<String> listModels() {
        return List.of(MODEL);
    }

    @Override
    public Map<String, Object> complete(ChatRequest request) throws UpstreamException {
        requests.add(request.body());
        return orExhausted(answers.completion(request.body()));
    }

    @Override
    public void stream(ChatRequest request, ChunkSink sink) throws UpstreamException {
        requests.add(request.body());
        for (Map<String, Object> chunk : orExhausted(answers.chunks(request.body()))) {
            if (!sink.accept(chunk)) {
                return;
            }
        }
    }

    private <T> T orExhausted(T answer) throws UpstreamException {
        if (answer == null) {
            throw new UpstreamException(UpstreamException.Kind.REJECTED, 500, "the script has no answer left for"
                    + " model call " + requests.size() + ": script one more answer per call the agent makes",
                    Map.of(), null);
        }
        return answer;
    }
}
