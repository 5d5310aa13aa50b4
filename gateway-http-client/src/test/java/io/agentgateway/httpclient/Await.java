package io.agentgateway.httpclient;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition another thread brings about, up to a deadline, so a test that would hang fails instead. */
final class Await {

    /** Generous: the machine may be busy, and a condition that holds is seen within milliseconds. */
    private static final Duration DEADLINE = Duration.ofSeconds(10);

    private Await() {
    }

    /**
     * Checks {@code condition} every few milliseconds until it holds.
     *
     * @param awaited what the test waits for, as the failure says it
     * @throws AssertionError when it still does not hold after the deadline
     */
    static void until(String awaited, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("waited " + DEADLINE.toSeconds() + " s for " + awaited);
            }
            Thread.sleep(5);
        }
    }
}
