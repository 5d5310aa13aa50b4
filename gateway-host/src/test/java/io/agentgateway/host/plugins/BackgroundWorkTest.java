package io.agentgateway.host.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Work begun on its own thread fails its caller as it would have inline, and an interrupt does not lose its result. */
class BackgroundWorkTest {

    @Test
    void aFailureIsRethrownAsTheWorkThrewIt() {
        IllegalArgumentException thrown = new IllegalArgumentException("bad config");
        BackgroundWork<String> work = BackgroundWork.onPlatformThread("test-failing", () -> {
            throw thrown;
        });
        assertSame(thrown, assertThrows(IllegalArgumentException.class, work::join));
    }

    @Test
    void aCheckedFailureArrivesAsItsCause() {
        IOException thrown = new IOException("disk");
        BackgroundWork<String> work = BackgroundWork.onVirtualThread("test-io", () -> {
            throw thrown;
        });
        assertSame(thrown, assertThrows(IllegalStateException.class, work::join).getCause());
    }

    @Test
    void anInterruptedCallerStillGetsTheResultAndKeepsTheInterrupt() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        BackgroundWork<String> work = BackgroundWork.onVirtualThread("test-slow", () -> {
            assertTrue(release.await(1, TimeUnit.MINUTES));
            return "done";
        });
        Thread.currentThread().interrupt();
        Thread.ofVirtual().start(() -> release.countDown());
        try {
            assertEquals("done", work.join());
            assertTrue(Thread.currentThread().isInterrupted(), "the interrupt is kept for the caller");
        } finally {
            Thread.interrupted();
        }
    }
}
