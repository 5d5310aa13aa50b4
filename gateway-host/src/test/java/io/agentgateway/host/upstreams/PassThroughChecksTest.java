package io.agentgateway.host.upstreams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgateway.api.Cancellation;
import io.agentgateway.api.JsonCodec;
import io.agentgateway.api.upstream.ChatRequest;
import io.agentgateway.api.upstream.ChunkSink;
import io.agentgateway.api.upstream.JsonChunkSink;
import io.agentgateway.api.upstream.Upstream;
import io.agentgateway.api.upstream.UpstreamException;
import io.agentgateway.api.upstream.UpstreamException.Kind;
import io.agentgateway.host.json.HostJsonCodec;
import io.agentgateway.host.openai.GatewayException;
import io.agentgateway.host.openai.OpenAiErrors;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.service.registry.Services;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An upstream that passes JSON through leaves the checks to the host: what the provider would have refused (an error
 * event, data that is not JSON, a stream that breaks off) still fails the call, before routing lets the client see
 * anything of it. An upstream that speaks only maps (a plugin built against API 1.0.0) is served the same way.
 */
class PassThroughChecksTest {

    private static final MeterRegistry METERS = Services.get(MeterRegistry.class);
    private static final String CHUNK = "{\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"},"
            + "\"finish_reason\":null}]}";
    private static final String LAST = "{\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{},"
            + "\"finish_reason\":\"stop\"}]}";

    private final List<String> received = new ArrayList<>();
    private final JsonChunkSink sink = new JsonChunkSink() {
        @Override
        public boolean accept(Map<String, Object> chunk) {
            return received.add("a map with id " + chunk.get("id"));
        }

        @Override
        public boolean acceptJson(String data) {
            return received.add(data);
        }
    };

    @Test
    void aStreamThatEndsWithoutFinishOrDoneWasDropped() throws Exception {
        MeteredUpstream upstream = metered(CHUNK);
        UpstreamException e = assertThrows(UpstreamException.class, () -> upstream.streamJson(request(), body(), sink));
        assertEquals(Kind.DROPPED, e.kind());
        assertEquals(List.of(CHUNK), received);

        received.clear();
        metered(CHUNK, LAST).streamJson(request(), body(), sink);
        metered(CHUNK, JsonChunkSink.DONE).streamJson(request(), body(), sink);
        assertEquals(List.of(CHUNK, LAST, CHUNK), received, "[DONE] itself is never passed on");
    }

    @Test
    void anEventHoldingTwoChunksPassesEachOnAsItsOwnEvent() throws Exception {
        metered(CHUNK + LAST).streamJson(request(), body(), sink);
        assertEquals(List.of(CHUNK, LAST), received, "side by side: the second chunk, with its finish, is not lost");

        received.clear();
        metered(CHUNK + "\n" + LAST + "\n").streamJson(request(), body(), sink);
        assertEquals(List.of(CHUNK, LAST), received, "one per data: line of the event");

        received.clear();
        metered(CHUNK + " " + CHUNK, JsonChunkSink.DONE).streamJson(request(), body(), sink);
        assertEquals(List.of(CHUNK, CHUNK), received);

        received.clear();
        assertEquals(Kind.PROTOCOL, assertThrows(UpstreamException.class,
                () -> metered(CHUNK + " not json", LAST).streamJson(request(), body(), sink)).kind(),
                "what follows the first chunk is checked as any event is");
        assertEquals(List.of(CHUNK), received);
    }

    @Test
    void anErrorEventIsTheUpstreamsRejectionAndNeverAChunk() {
        UpstreamException e = assertThrows(UpstreamException.class, () -> metered("{\"error\":\"model is loading\"}")
                .streamJson(request(), body(), sink));
        assertEquals(Kind.REJECTED, e.kind());
        GatewayException told = OpenAiErrors.fromUpstream(e, "pass-through-unit");
        assertEquals(502, told.status());
        assertEquals("api_error", told.type());
        assertTrue(told.getMessage().endsWith(": model is loading"), told.getMessage());
        assertEquals(List.of(), received);
        assertEquals(Kind.PROTOCOL, assertThrows(UpstreamException.class,
                () -> metered("not json").streamJson(request(), body(), sink)).kind());
        assertEquals(Kind.REJECTED, assertThrows(UpstreamException.class,
                () -> metered("{\"error\":{\"message\":\"no\"}}").completeJson(request(), body(), null)).kind());
    }

    @Test
    void theUsageIsAskedForInTheClientsOwnBytes() throws Exception {
        Passing passing = new Passing(List.of(LAST));
        new MeteredUpstream("pass-through-unit", passing, METERS, new MeteredModels())
                .streamJson(request(), body(), sink);
        assertEquals("{\"stream_options\":{\"include_usage\":true},\"model\":\"m\",\"stream\":true}",
                new String(passing.sent, StandardCharsets.UTF_8));
    }

    @Test
    void anUpstreamThatSpeaksOnlyMapsIsServedThroughTheSameCalls() throws Exception {
        Upstream mapsOnly = new Upstream() {
            @Override
            public List<String> listModels() {
                return List.of("m");
            }

            @Override
            public Map<String, Object> complete(ChatRequest request) {
                return Map.of("id", "c", "choices", List.of());
            }

            @Override
            public void stream(ChatRequest request, ChunkSink chunks) {
                chunks.accept(Map.of("id", "c", "choices", List.of()));
            }
        };
        MeteredUpstream upstream = new MeteredUpstream("maps-only-unit", mapsOnly, METERS, new MeteredModels());
        assertEquals(Map.of("id", "c", "choices", List.of()), HostJsonCodec.INSTANCE.readObject(
                upstream.completeJson(request(), body(), HostJsonCodec.INSTANCE)));
        upstream.streamJson(request(), body(), sink);
        assertEquals(List.of("a map with id c"), received, "handed over as a map, and ended properly");
    }

    private static MeteredUpstream metered(String... events) {
        return new MeteredUpstream("pass-through-unit", new Passing(List.of(events)), METERS,
                new MeteredModels());
    }

    private static ChatRequest request() {
        return new ChatRequest(Map.of("model", "m", "stream", true), "req-1", Cancellation.NONE);
    }

    private static byte[] body() {
        return "{\"model\":\"m\",\"stream\":true}".getBytes(StandardCharsets.UTF_8);
    }

    /** Hands over its events' data as a provider on the one-pass path does. */
    private static final class Passing implements Upstream {
        private final List<String> events;
        byte[] sent;

        Passing(List<String> events) {
            this.events = events;
        }

        @Override
        public List<String> listModels() {
            return List.of("m");
        }

        @Override
        public Map<String, Object> complete(ChatRequest request) {
            throw new AssertionError("the one-pass path is used");
        }

        @Override
        public void stream(ChatRequest request, ChunkSink chunks) {
            throw new AssertionError("the one-pass path is used");
        }

        @Override
        public byte[] completeJson(ChatRequest request, byte[] body, JsonCodec json) {
            return events.getFirst().getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public void streamJson(ChatRequest request, byte[] body, JsonChunkSink chunks) {
            sent = body;
            for (String event : events) {
                if (!chunks.acceptJson(event)) {
                    return;
                }
            }
        }
    }
}
