package io.agentgateway.host.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgateway.api.Cancellation;
import io.agentgateway.api.upstream.ChatRequest;
import io.agentgateway.api.upstream.ChunkSink;
import io.agentgateway.api.upstream.Upstream;
import io.agentgateway.host.upstreams.UpstreamRegistry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A client may send any {@code <upstream>/<model>}, and it is routed: the routes to models no config or listing names
 * must not pile up (each holds a target with its circuit breaker), while named models keep one shared state.
 */
class UnnamedModelRoutesTest {

    private final UpstreamRegistry upstreams = new UpstreamRegistry();
    private final Routes routes = Routes.of(upstreams);

    UnnamedModelRoutesTest() {
        upstreams.put("up", new Answering());
    }

    @Test
    void madeUpModelIdsKeepABoundedNumberOfRoutesAndNoTargets() throws Exception {
        RouteHandler first = routes.single("up", "made-up-0");
        assertSame(first, routes.single("up", "made-up-0"), "kept while recently used");
        assertEquals("echo", routes.single("up", "made-up-0").complete(request()).get("id"), "and routed");
        for (int i = 1; i <= 10_000; i++) {
            routes.single("up", "made-up-" + i);
        }
        assertTrue(routes.targets().isEmpty(), "no made-up id is a target: " + routes.targets().size());
        assertNotSame(first, routes.single("up", "made-up-0"), "dropped once " + Routes.MAX_UNNAMED_ROUTES
                + " other made-up ids were used since");
        assertSame(routes.single("up", "made-up-10000"), routes.single("up", "made-up-10000"));
    }

    @Test
    void aNamedModelHasOneRouteAndTargetFromTheMomentItIsNamed() {
        RouteHandler before = routes.single("up", "pulled-later");
        upstreams.meteredModels().add("up", List.of("pulled-later")); // the server listed it
        RouteHandler named = routes.single("up", "pulled-later");
        assertNotSame(before, named);
        assertSame(named, routes.single("up", "pulled-later"));
        assertEquals(List.of("up/pulled-later"), routes.targets().stream().map(TargetState::id).toList());
    }

    private static ChatRequest request() {
        return new ChatRequest(Map.of("model", "made-up-0"), "req-1", Cancellation.NONE);
    }

    /** Answers every call with the same completion. */
    private static final class Answering implements Upstream {
        @Override
        public List<String> listModels() {
            return List.of();
        }

        @Override
        public Map<String, Object> complete(ChatRequest request) {
            return Map.of("id", "echo", "choices", List.of());
        }

        @Override
        public void stream(ChatRequest request, ChunkSink sink) {
            sink.accept(complete(request));
        }
    }
}
