package io.agentgateway.host.usage;

import io.agentgateway.host.store.UsageRecord;
import io.agentgateway.host.store.UsageStore;
import io.agentgateway.host.store.UsageSummary;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A usage store whose writes hang, as on a stalled disk, until it is closed; reads answer at once with nothing.
 * Close it at the end of a test: the writes then go through and the writer's thread can end.
 */
public final class StalledStore implements UsageStore, AutoCloseable {

    private final CountDownLatch writing = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);

    /** @return a writer of {@code capacity} records into this store that waits at most {@code wait} */
    public UsageWriter writer(int capacity, Duration wait) {
        return new UsageWriter(this, capacity, wait);
    }

    /** Waits until a write has begun (and hangs). */
    public void awaitWriting() throws InterruptedException {
        if (!writing.await(10, TimeUnit.SECONDS)) {
            throw new AssertionError("no write began within 10 s");
        }
    }

    @Override
    public void add(UsageRecord usage) {
        addAll(List.of(usage));
    }

    @Override
    public void addAll(List<UsageRecord> usages) {
        writing.countDown();
        try {
            released.await(60, TimeUnit.SECONDS); // a deadline all the same: no test thread hangs for good
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public List<UsageSummary> summarize(String keyId, String model, Instant from, Instant to) {
        return List.of();
    }

    @Override
    public Map<String, Spent> spentByKeySince(Instant from) {
        return Map.of();
    }

    /** Lets every write go through, now and from now on. */
    @Override
    public void close() {
        released.countDown();
    }
}
