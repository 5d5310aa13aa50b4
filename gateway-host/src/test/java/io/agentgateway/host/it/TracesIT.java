package io.agentgateway.host.it;

import static io.agentgateway.host.it.AgentFixture.calls;
import static io.agentgateway.host.it.AgentFixture.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.agentgateway.host.plugins.CapturedEvents;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Traces on the real gateway, exported over OTLP/HTTP (protobuf) to a receiver this test starts and decodes with
 * opentelemetry-proto: an agent run is one trace, under the client's {@code traceparent}, with the run, its turns,
 * their upstream calls and its tool call as child spans; the trace is carried on to the upstream.
 */
class TracesIT {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CLIENT_SPAN = "00f067aa0ba902b7";

    @Test
    void anAgentRunIsOneTraceWithItsTurnsAndToolCallsAsChildSpans(@TempDir Path configDir) throws Exception {
        List<Span> spans = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        List<Throwable> receiverErrors = new CopyOnWriteArrayList<>();
        receiver.createContext("/v1/traces", exchange -> {
            try {
                ExportTraceServiceRequest export = ExportTraceServiceRequest.parseFrom(exchange.getRequestBody());
                for (ResourceSpans resource : export.getResourceSpansList()) {
                    for (ScopeSpans scope : resource.getScopeSpansList()) {
                        spans.addAll(scope.getSpansList());
                    }
                }
                exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
                exchange.sendResponseHeaders(200, -1);
            } catch (Throwable e) {
                receiverErrors.add(e);
                exchange.sendResponseHeaders(500, -1);
            } finally {
                exchange.close();
            }
        });
        receiver.start();
        try (AgentFixture agents = new AgentFixture(configDir, Map.of(
                "GATEWAY_DEFAULT_UPSTREAM", "mock", "GATEWAY_DEFAULT_MODEL", AgentFixture.MODEL,
                "OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:" + receiver.getAddress().getPort(),
                "OTEL_BSP_SCHEDULE_DELAY", "100",
                "agents.yaml", """
                        version: 1
                        defaults: {namespace: default, upstream: mock, model: %s}
                        agents:
                          - name: Counter
                            instructions: Count the words with word_count.
                            tools: [word_count]
                        """.formatted(AgentFixture.MODEL)))) {
            agents.script(calls("word_count", "{\"text\":\"one two\"}"), text("Two words."));
            String traceparent = "00-" + TRACE_ID + "-" + CLIENT_SPAN + "-01";
            HttpResponse<String> run = agents.gateway.chat(RunningGateway.KEY, """
                    {"model":"default/counter","messages":[{"role":"user","content":"one two"}]}""",
                    "traceparent", traceparent);
            assertEquals(200, run.statusCode(), run.body());

            List<Span> trace = await(spans, 7);
            assertEquals(List.of(), receiverErrors);
            assertTrue(trace.stream().allMatch(span -> hex(span.getTraceId().toByteArray()).equals(TRACE_ID)),
                    "one trace, the client's: " + names(trace));
            Span server = one(trace, "POST /v1/chat/completions");
            assertEquals(CLIENT_SPAN, hex(server.getParentSpanId().toByteArray()));
            Span agent = one(trace, "invoke_agent default/counter");
            assertEquals(server.getSpanId(), agent.getParentSpanId());
            List<Span> turns = trace.stream().filter(span -> span.getName().startsWith("turn ")).toList();
            assertEquals(2, turns.size(), names(trace));
            turns.forEach(turn -> assertEquals(agent.getSpanId(), turn.getParentSpanId()));
            List<Span> chats = trace.stream().filter(span -> span.getName().equals("chat " + AgentFixture.MODEL))
                    .toList();
            assertEquals(2, chats.size(), names(trace));
            for (Span chat : chats) {
                assertTrue(turns.stream().anyMatch(turn -> turn.getSpanId().equals(chat.getParentSpanId())));
                assertEquals("chat", attribute(chat, "gen_ai.operation.name"));
                assertEquals("mock", attribute(chat, "gen_ai.provider.name"));
                assertTrue(Long.parseLong(attribute(chat, "gen_ai.usage.input_tokens")) > 0);
                assertTrue(attribute(chat, "gen_ai.response.finish_reasons").contains("stop")
                        || attribute(chat, "gen_ai.response.finish_reasons").contains("tool_calls"));
            }
            Span tool = one(trace, "execute_tool word_count");
            assertEquals(agent.getSpanId(), tool.getParentSpanId());
            assertEquals("word_count", attribute(tool, "gen_ai.tool.name"));

            // The upstream is sent the trace: the mock echoes the headers it got, which only the debug log shows.
            java.util.logging.Logger events = java.util.logging.Logger.getLogger("agent-gateway");
            java.util.logging.Level level = events.getLevel();
            events.setLevel(java.util.logging.Level.FINE);
            try (CapturedEvents captured = new CapturedEvents()) {
                HttpResponse<String> echoed = agents.gateway.chat(RunningGateway.KEY, """
                        {"model":"mock/echo-headers-400","messages":[{"role":"user","content":"hi"}]}""",
                        "traceparent", traceparent);
                // The client sees the upstream's message when it repeats no secret header, else the debug log has it.
                String seen = echoed.body() + captured.named("upstream.error_body");
                assertTrue(seen.contains("Traceparent: 00-" + TRACE_ID + "-"), seen);
            } finally {
                events.setLevel(level);
            }

            // An embeddings call is a client span of its own, under its request's, with the tokens it used.
            HttpResponse<String> embedded = agents.gateway.send(HttpRequest.newBuilder(
                            agents.gateway.uri("/v1/embeddings"))
                    .header("Authorization", "Bearer " + RunningGateway.KEY)
                    .header("Content-Type", "application/json").header("traceparent", traceparent)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"mock/embedder\",\"input\":[\"a\",\"b\"]}")));
            assertEquals(200, embedded.statusCode(), embedded.body());
            Span embedding = awaitNamed(spans, "embeddings embedder");
            Span embeddingRequest = awaitNamed(spans, "POST /v1/embeddings");
            assertEquals(TRACE_ID, hex(embedding.getTraceId().toByteArray()));
            assertEquals(embeddingRequest.getSpanId(), embedding.getParentSpanId());
            assertEquals("embeddings", attribute(embedding, "gen_ai.operation.name"));
            assertEquals("mock", attribute(embedding, "gen_ai.provider.name"));
            assertEquals("2", attribute(embedding, "gen_ai.usage.input_tokens"));
        } finally {
            receiver.stop(0);
        }
    }

    private static List<Span> await(List<Span> spans, int count) throws InterruptedException {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (spans.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(spans.size() >= count, "spans received: " + names(spans));
        return List.copyOf(spans);
    }

    private static Span awaitNamed(List<Span> spans, String name) throws InterruptedException {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (spans.stream().noneMatch(span -> span.getName().equals(name)) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        return one(List.copyOf(spans), name);
    }

    private static Span one(List<Span> spans, String name) {
        List<Span> named = spans.stream().filter(span -> span.getName().equals(name)).toList();
        assertEquals(1, named.size(), name + " in " + names(spans));
        return named.getFirst();
    }

    private static String attribute(Span span, String key) {
        return span.getAttributesList().stream().filter(kv -> kv.getKey().equals(key)).map(KeyValue::getValue)
                .map(value -> value.hasStringValue() ? value.getStringValue()
                        : value.hasIntValue() ? Long.toString(value.getIntValue()) : value.toString())
                .findFirst().orElse("");
    }

    private static String names(List<Span> spans) {
        return spans.stream().map(Span::getName).collect(Collectors.joining(", "));
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
