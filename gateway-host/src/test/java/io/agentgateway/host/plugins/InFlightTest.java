package io.agentgateway.host.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The count of calls a plugin version is serving, which decides when a replaced version may be unloaded. */
class InFlightTest {

    @Test
    void callsAreCountedInAndOut() {
        InFlight calls = new InFlight();
        assertTrue(calls.enter());
        assertTrue(calls.enter());
        assertEquals(2, calls.count());
        calls.exit();
        assertEquals(1, calls.count());
        calls.exit();
        calls.exit(); // one exit too many never makes the count negative
        assertEquals(0, calls.count());
        assertFalse(calls.closed());
    }

    @Test
    void closingAnIdleVersionFinishesAtOnceAndAdmitsNothingMore() throws Exception {
        InFlight calls = new InFlight();
        assertTrue(calls.close(Duration.ZERO), "nothing under way: drained");
        assertTrue(calls.closed());
        assertFalse(calls.enter());
        assertEquals(0, calls.count());
    }

    @Test
    void closingWaitsForTheCallsUnderWay() throws Exception {
        InFlight calls = new InFlight();
        assertTrue(calls.enter());
        CompletableFuture<Boolean> drained = new CompletableFuture<>();
        Thread closer = Thread.ofPlatform().start(() -> {
            try {
                drained.complete(calls.close(Duration.ofMinutes(5)));
            } catch (InterruptedException e) {
                drained.completeExceptionally(e);
            }
        });
        awaitWaitingOrEnded(closer);
        assertFalse(drained.isDone(), "not drained while a call runs");
        calls.exit();
        assertTrue(drained.get(1, TimeUnit.MINUTES), "drained once the last call ended");
    }

    @Test
    void aCallStillRunningAtTheDeadlineIsReportedNotWaitedFor() throws Exception {
        InFlight calls = new InFlight();
        assertTrue(calls.enter());
        assertFalse(calls.close(Duration.ofMillis(50)));
        assertEquals(1, calls.count(), "the call is still counted");
        assertFalse(calls.enter(), "closed all the same");
    }

    /** Returns once the thread waits (inside close) or has ended, whichever comes first. */
    private static void awaitWaitingOrEnded(Thread thread) {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (thread.isAlive() && thread.getState() != Thread.State.TIMED_WAITING
                && thread.getState() != Thread.State.WAITING) {
            assertTrue(System.nanoTime() < deadline, "the closing thread neither waited nor ended");
            Thread.yield();
        }
    }
}
