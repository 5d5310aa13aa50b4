package io.agentgateway.host.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgateway.host.plugins.CapturedEvents;
import io.agentgateway.host.store.Database;
import io.agentgateway.host.store.SqliteUsageStore;
import io.agentgateway.host.store.StoreException;
import io.agentgateway.host.store.UsageRecord;
import io.agentgateway.host.store.UsageStore;
import io.agentgateway.host.store.UsageSummary;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsageWriterTest {

    private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");

    @TempDir
    Path dataDir;

    private static UsageRecord call(int i) {
        return new UsageRecord(AT.plusMillis(i), "req-" + i, "k" + (i % 3), "up/m", "up", null, 10, 5, 0.001);
    }

    private static long calls(UsageStore store) {
        return store.summarize(null, null, null, null).stream().mapToLong(UsageSummary::calls).sum();
    }

    @Test
    void everyCallRecordedFromManyThreadsIsThereForTheNextQuery() throws Exception {
        try (Database database = Database.open(dataDir);
             UsageWriter writer = new UsageWriter(new SqliteUsageStore(database))) {
            int threads = 8;
            int each = 500;
            try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
                for (int t = 0; t < threads; t++) {
                    int first = t * each;
                    pool.submit(() -> {
                        for (int i = first; i < first + each; i++) {
                            writer.add(call(i));
                        }
                    });
                }
            }
            assertEquals(threads * each, calls(writer), "a query sees every call recorded before it");
            Map<String, UsageStore.Spent> spent = writer.spentByKeySince(AT);
            assertEquals(threads * each * 15L, spent.values().stream().mapToLong(UsageStore.Spent::tokens).sum());
        }
    }

    @Test
    void everyCallRecordedBeforeShutDownIsThereWhenTheDatabaseIsOpenedAgain() {
        try (Database database = Database.open(dataDir)) {
            UsageWriter writer = new UsageWriter(new SqliteUsageStore(database));
            for (int i = 0; i < 3000; i++) {
                writer.add(call(i));
            }
            writer.close();
        }
        try (Database reopened = Database.open(dataDir)) {
            assertEquals(3000, calls(new SqliteUsageStore(reopened)));
        }
    }

    @Test
    void aFullQueueMakesTheCallerWaitRatherThanDropTheCall() throws Exception {
        CountDownLatch writeMayGo = new CountDownLatch(1);
        CountDownLatch writing = new CountDownLatch(1);
        List<UsageRecord> written = new CopyOnWriteArrayList<>();
        UsageStore slow = new WrittenTo(written) {
            @Override
            public void addAll(List<UsageRecord> usages) {
                writing.countDown();
                await(writeMayGo);
                super.addAll(usages);
            }
        };
        try (UsageWriter writer = new UsageWriter(slow, 2)) {
            writer.add(call(0)); // taken by the writer, which then blocks
            assertTrue(writing.await(10, TimeUnit.SECONDS));
            writer.add(call(1));
            writer.add(call(2)); // the queue is now full
            AtomicBoolean returned = new AtomicBoolean();
            Thread caller = Thread.ofVirtual().start(() -> {
                writer.add(call(3));
                returned.set(true);
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (caller.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertEquals(Thread.State.WAITING, caller.getState(), "the caller waits for room");
            assertFalse(returned.get());

            writeMayGo.countDown();
            assertTrue(caller.join(java.time.Duration.ofSeconds(10)));
            assertTrue(returned.get());
            writer.flush();
            assertEquals(List.of(call(0), call(1), call(2), call(3)), written, "nothing dropped, in order");
        }
    }

    @Test
    void aFailedWriteIsLoggedAndLaterCallsStillLand() throws Exception {
        List<UsageRecord> written = new CopyOnWriteArrayList<>();
        AtomicInteger failures = new AtomicInteger(1);
        UsageStore failingOnce = new WrittenTo(written) {
            @Override
            public void addAll(List<UsageRecord> usages) {
                if (failures.getAndDecrement() > 0) {
                    throw new StoreException("disk I/O error", null);
                }
                super.addAll(usages);
            }
        };
        try (CapturedEvents events = new CapturedEvents();
             UsageWriter writer = new UsageWriter(failingOnce)) {
            writer.add(call(0));
            writer.flush();
            Map<String, Object> failed = events.await("usage.store_failed", 1).getFirst();
            assertEquals("req-0", failed.get("request_id"));
            assertEquals("disk I/O error", failed.get("error"));

            writer.add(call(1));
            writer.add(call(2));
            writer.flush();
            assertEquals(List.of(call(1), call(2)), written);
        }
    }

    @Test
    void aCallRecordedAfterShutDownIsStillWritten() {
        List<UsageRecord> written = new CopyOnWriteArrayList<>();
        UsageWriter writer = new UsageWriter(new WrittenTo(written));
        writer.add(call(0));
        writer.close();
        writer.add(call(1));
        assertEquals(List.of(call(0), call(1)), written);
    }

    @Test
    void aStopGivesUpOnAStalledDatabaseWithinItsBoundAndCountsWhatMayBeLost() throws Exception {
        StalledStore stalled = new StalledStore();
        UsageWriter writer = stalled.writer(1, Duration.ofSeconds(1));
        try (CapturedEvents events = new CapturedEvents()) {
            writer.add(call(0)); // taken by the writer, which then hangs in the database
            stalled.awaitWriting();
            writer.add(call(1)); // the queue is now full: no room for the stop's marker either
            assertTimeoutPreemptively(Duration.ofSeconds(10), writer::close, "a stop does not hang on a stalled disk");
            Map<String, Object> failed = events.await("usage.store_failed", 1).getFirst();
            assertEquals(2, ((Number) failed.get("records")).intValue(), "the record being written and the queued one");
        } finally {
            stalled.close();
            writer.close(); // the database answers again: this stop goes through and ends the thread
        }
    }

    @Test
    void aReadIsRefusedWithinItsBoundWhileTheDatabaseStallsAndAnsweredOnceItNoLongerDoes() throws Exception {
        StalledStore stalled = new StalledStore();
        UsageWriter writer = stalled.writer(16, Duration.ofSeconds(1));
        try (CapturedEvents events = new CapturedEvents()) {
            writer.add(call(0));
            stalled.awaitWriting();
            writer.add(call(1)); // queued behind the stalled write: a read now would miss both
            UsageNotWrittenException refused = assertTimeoutPreemptively(Duration.ofSeconds(10),
                    () -> assertThrows(UsageNotWrittenException.class, () -> writer.summarize(null, null, null, null)),
                    "a usage query does not hang on a stalled disk");
            assertEquals(Duration.ofSeconds(1), refused.waited());
            Map<String, Object> slow = events.await("usage.store_slow", 1).getFirst();
            assertEquals(2, ((Number) slow.get("records")).intValue(), slow.toString());

            stalled.close();
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> writer.summarize(null, null, null, null));
        } finally {
            stalled.close();
            writer.close();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("not released within 10 s");
            }
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** A store that keeps what it is given in a list. */
    private static class WrittenTo implements UsageStore {
        private final List<UsageRecord> written;

        WrittenTo(List<UsageRecord> written) {
            this.written = written;
        }

        @Override
        public void add(UsageRecord usage) {
            addAll(List.of(usage));
        }

        @Override
        public void addAll(List<UsageRecord> usages) {
            written.addAll(usages);
        }

        @Override
        public List<UsageSummary> summarize(String keyId, String model, Instant from, Instant to) {
            return List.of();
        }

        @Override
        public Map<String, Spent> spentByKeySince(Instant from) {
            return Map.of();
        }
    }
}
