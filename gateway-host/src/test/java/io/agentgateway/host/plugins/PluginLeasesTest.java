package io.agentgateway.host.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A request stays on the plugin version it first used, even once a newer one replaced it; a version unloaded before
 * the request reached it is refused; and a version is held, so not unloaded, exactly while calls into it run.
 */
class PluginLeasesTest {

    @Test
    void aRequestKeepsItsVersionAfterAReplacementAndReleasesItWhenItEnds() throws Exception {
        InFlight version = new InFlight();
        try (PluginLeases.Scope request = PluginLeases.open()) {
            assertNotNull(PluginLeases.enter("search", version));
            version.close(Duration.ZERO); // replaced: admits no new request, waits for this one
            assertNotNull(PluginLeases.enter("search", version), "the request's next turn uses the same version");
            assertSame(version, PluginLeases.pinned("search").orElseThrow());
            assertEquals(1, version.count(), "held once for the whole request");
        }
        assertEquals(0, version.count(), "the request ended: the version may drain");
        assertTrue(PluginLeases.pinned("search").isEmpty());
    }

    @Test
    void aRequestThatReachesAnUnloadedVersionIsRefused() throws Exception {
        InFlight version = new InFlight();
        version.close(Duration.ZERO);
        try (PluginLeases.Scope request = PluginLeases.open()) {
            assertNull(PluginLeases.enter("search", version));
            assertTrue(PluginLeases.pinned("search").isEmpty());
        }
        assertNull(PluginLeases.enter("search", version), "nor outside a request");
    }

    @Test
    void aScopeOpenedInsideARequestLeavesTheRequestsVersionsHeldWhenItCloses() {
        InFlight version = new InFlight();
        try (PluginLeases.Scope request = PluginLeases.open()) {
            try (PluginLeases.Scope inner = PluginLeases.open()) {
                assertNotNull(PluginLeases.enter("search", version));
            }
            assertEquals(1, version.count(), "the request has not ended");
            assertSame(version, PluginLeases.pinned("search").orElseThrow());
        }
        assertEquals(0, version.count());
    }

    @Test
    void aCallStillRunningOnTheRequestsThreadAfterItEndedHoldsTheVersionItself() throws Exception {
        // A tool call on its own thread inherits the request's scope; the request may end before the call does.
        InFlight version = new InFlight();
        CountDownLatch ended = new CountDownLatch(1);
        AtomicInteger heldDuringCall = new AtomicInteger(-1);
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Thread toolCall;
        try (PluginLeases.Scope request = PluginLeases.open()) {
            toolCall = Thread.ofPlatform().start(() -> {
                try {
                    assertTrue(ended.await(30, TimeUnit.SECONDS));
                    Runnable leave = PluginLeases.enter("search", version);
                    heldDuringCall.set(version.count());
                    leave.run();
                } catch (Throwable e) {
                    failed.set(e);
                }
            });
        }
        ended.countDown();
        toolCall.join(Duration.ofSeconds(30));
        assertNull(failed.get());
        assertEquals(1, heldDuringCall.get(), "the call is in flight while it runs");
        assertEquals(0, version.count(), "and no longer once it returned");
    }
}
