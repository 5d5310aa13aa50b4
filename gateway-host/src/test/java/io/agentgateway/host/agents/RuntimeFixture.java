package io.agentgateway.host.agents;

import io.agentgateway.api.Cancellation;
import io.agentgateway.api.agent.AgentDefinition;
import io.agentgateway.api.upstream.ChatRequest;
import io.agentgateway.api.upstream.ChunkSink;
import io.agentgateway.api.upstream.UpstreamException;
import io.agentgateway.host.ScriptedUpstream;
import io.agentgateway.host.models.ProgressSink;
import io.agentgateway.host.openai.ChunkNormalizer;
import io.agentgateway.host.security.ToolAccessRules;
import io.agentgateway.host.tools.ToolManager;
import io.agentgateway.host.routing.Routes;
import io.agentgateway.host.upstreams.UpstreamRegistry;
import io.helidon.metrics.api.MeterRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A runtime wired to a scripted upstream named {@code mock} with model {@code test-model}. */
final class RuntimeFixture {

    final ScriptedUpstream upstream = new ScriptedUpstream();
    static final MeterRegistry METERS = io.helidon.service.registry.Services.get(MeterRegistry.class);
    final ToolManager tools;
    final MeterRegistry meters = METERS;
    final AgentEngine engine;
    final AgentPreparer preparer;

    RuntimeFixture() {
        this(Map.of(), ToolAccessRules.ALLOW_ALL);
    }

    /** @param toolsYaml tools.yaml as a map (limits, defaults) */
    RuntimeFixture(Map<String, Object> toolsYaml, ToolAccessRules rules) {
        tools = new ToolManager(() -> toolsYaml, rules, METERS);
        UpstreamRegistry upstreams = new UpstreamRegistry();
        upstreams.put("mock", upstream);
        engine = new AgentEngine(tools, meters);
        preparer = new AgentPreparer(new AgentDefaults("default", "mock", "test-model"), Routes.of(upstreams));
    }

    static ChatRequest request(String userText) {
        return request(userText, Cancellation.NONE, Map.of());
    }

    static ChatRequest request(String userText, Cancellation cancellation, Map<String, Object> extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", "default/agent");
        body.put("messages", List.of(Map.of("role", "user", "content", userText)));
        body.putAll(extra);
        return new ChatRequest(body, "req-1", cancellation);
    }

    RunResult complete(AgentDefinition agent, String userText) throws UpstreamException {
        return complete(agent, request(userText));
    }

    RunResult complete(AgentDefinition agent, ChatRequest request) throws UpstreamException {
        return engine.complete(preparer.prepare(agent), request);
    }

    /** Streams a run to {@code sink} shaped as clients see it: by the normaliser the HTTP layer puts in between. */
    RunResult stream(AgentDefinition agent, ChatRequest request, RecordingSink sink) throws UpstreamException {
        PreparedAgent prepared = preparer.prepare(agent);
        ChunkNormalizer normalizer = ChunkNormalizer.forRequest(sink::accept, prepared.id(), request.body());
        RunResult result = engine.stream(prepared, request, new ShapedSink(normalizer, sink));
        normalizer.finish();
        return result;
    }

    /** Chunks through the normaliser, progress notes straight to the recording sink. */
    private record ShapedSink(ChunkNormalizer chunks, RecordingSink notes) implements ChunkSink, ProgressSink {
        @Override
        public boolean accept(Map<String, Object> chunk) {
            return chunks.accept(chunk);
        }

        @Override
        public boolean progress(String note) {
            return notes.progress(note);
        }
    }

    /** A sink that records chunks and progress notes in one list, in arrival order. */
    static final class RecordingSink implements ChunkSink, ProgressSink {
        final List<Object> received = new ArrayList<>();
        final List<Map<String, Object>> chunks = new ArrayList<>();
        int acceptBeforeRefusing = Integer.MAX_VALUE;

        @Override
        public synchronized boolean accept(Map<String, Object> chunk) {
            chunks.add(chunk);
            received.add(chunk);
            return chunks.size() < acceptBeforeRefusing;
        }

        @Override
        public synchronized boolean progress(String note) {
            received.add(note);
            return true;
        }

        @SuppressWarnings("unchecked")
        String text() {
            StringBuilder out = new StringBuilder();
            for (Map<String, Object> chunk : chunks) {
                for (Object choice : (List<Object>) chunk.get("choices")) {
                    Object content = ((Map<String, Object>) ((Map<String, Object>) choice).get("delta")).get("content");
                    if (content != null) {
                        out.append(content);
                    }
                }
            }
            return out.toString();
        }
    }
}
