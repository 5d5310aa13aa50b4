package io.agentgateway.host.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgateway.api.upstream.ChatRequest;
import io.agentgateway.api.upstream.ChunkSink;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Right after start-up an upstream may not have listed its models yet: a request for one of them, by its bare name,
 * waits for that listing instead of getting a 404 for a model the gateway is about to know.
 */
class ModelRouterTest {

    private final ModelCatalog catalog = new ModelCatalog();
    private final ModelRouter router = new ModelRouter(catalog, id -> Optional.empty());

    @Test
    void aModelNamedBeforeItsUpstreamListedItIsFoundOnceTheListingArrives() throws Exception {
        catalog.expect("fast");
        CompletableFuture<Optional<ModelEntry>> resolved = CompletableFuture.supplyAsync(
                () -> router.resolve("mock-model"));
        Thread.sleep(100);
        assertFalse(resolved.isDone(), "answered before the upstream listed its models");

        catalog.register(entry("fast/mock-model"));
        catalog.listed("fast");

        assertEquals("fast/mock-model", resolved.get(5, TimeUnit.SECONDS).orElseThrow().id());
    }

    @Test
    void aModelNoUpstreamListsIsUnknownOnceTheListingsAreIn() throws Exception {
        catalog.expect("fast");
        CompletableFuture<Optional<ModelEntry>> resolved = CompletableFuture.supplyAsync(
                () -> router.resolve("no-such-model"));
        catalog.register(entry("fast/mock-model"));
        catalog.listed("fast");

        assertEquals(Optional.empty(), resolved.get(5, TimeUnit.SECONDS));
    }

    @Test
    void anUpstreamThatFailsToListEndsTheWaitToo() throws Exception {
        catalog.expect("down");
        CompletableFuture<Optional<ModelEntry>> resolved = CompletableFuture.supplyAsync(
                () -> router.resolve("mock-model"));
        catalog.listed("down");

        assertEquals(Optional.empty(), resolved.get(5, TimeUnit.SECONDS));
    }

    @Test
    void onceEveryUpstreamHasListedAnUnknownModelIsAnsweredAtOnce() {
        catalog.expect("fast");
        catalog.listed("fast");

        long started = System.nanoTime();
        assertEquals(Optional.empty(), router.resolve("no-such-model"));
        assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() < 1000);
    }

    @Test
    void theWaitIsBounded() {
        catalog.expect("hanging");
        long started = System.nanoTime();
        assertFalse(catalog.awaitListed(Duration.ofMillis(200)));
        long waited = Duration.ofNanos(System.nanoTime() - started).toMillis();
        assertTrue(waited >= 150 && waited < 5000, "waited " + waited + " ms");
    }

    private static ModelEntry entry(String id) {
        return new ModelEntry(id, id.substring(0, id.indexOf('/')), ModelKind.UPSTREAM, "", Map.of(), new ModelHandler() {
            @Override
            public Map<String, Object> complete(ChatRequest request) {
                return Map.of();
            }

            @Override
            public void stream(ChatRequest request, ChunkSink sink) {
            }
        });
    }
}
