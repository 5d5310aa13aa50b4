package io.agentgateway.host.usage;

import static java.util.Objects.requireNonNull;

import io.agentgateway.host.observe.EventLog;
import io.agentgateway.host.store.UsageRecord;
import io.agentgateway.host.store.UsageStore;
import io.agentgateway.host.store.UsageSummary;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A {@link UsageStore} that keeps each call's usage off the call's own thread: {@link #add} puts the record on a
 * bounded queue, and one thread of its own writes what has queued up in batches, each batch in one
 * {@link UsageStore#addAll} (one transaction). Written inline, every call passed the database's one lock, in native
 * code that pins a virtual thread's carrier: a serial point on every request.
 *
 * <p>What it promises:
 * <ul>
 *   <li>Every read ({@link #summarize}, {@link #spentByKeySince}) first waits until everything added before it is
 *       written, so it sees every call recorded before it. When that takes longer than {@link #WAIT} (a stalled
 *       database), the read is refused with {@link UsageNotWrittenException} rather than answered short.</li>
 *   <li>{@link #close} writes what is queued and stops the thread; close it before the database. It waits at most
 *       {@link #WAIT}, so a stalled database cannot hold a shut-down forever; it then logs how many records may be
 *       lost and returns. A crash of the process (kill -9) loses at most what was queued and not yet written: the
 *       records of the last moments.</li>
 *   <li>A batch that cannot be written is logged ({@code usage.store_failed}) and dropped; the thread goes on with the
 *       next, and no request fails for it. Budgets and limits count in memory and do not depend on the write.</li>
 * </ul>
 */
public final class UsageWriter implements UsageStore, AutoCloseable {

    /** Records queued at most; about a second of calls at a few thousand a second, a few hundred bytes each. */
    static final int CAPACITY = 4096;
    /** Records written in one transaction at most. */
    static final int BATCH = 512;
    /**
     * How long {@link #close} and {@link #flush} wait for the queue to be written before they give up: far beyond what
     * a working disk needs for one queue (milliseconds), short enough that a stalled one holds neither a shut-down
     * nor a query for good. A fixed bound, as the drain's own wait after its grace is: only the grace given to
     * clients' requests is the operator's to set.
     */
    static final Duration WAIT = Duration.ofSeconds(30);

    /** A record to write, or a marker: completed once everything queued before it is written. */
    private record Item(UsageRecord usage, CompletableFuture<Void> written, boolean stop) {

        static Item of(UsageRecord usage) {
            return new Item(usage, null, false);
        }

        static Item marker(boolean stop) {
            return new Item(null, new CompletableFuture<>(), stop);
        }
    }

    private final UsageStore store;
    private final BlockingQueue<Item> queue;
    private final Thread writer;
    private final Duration wait;
    /** Records the writer has taken off the queue and is writing now: lost too, should that write never end. */
    private volatile int writing;
    /** Set by the writer before its last look at the queue; from then on, callers write for themselves. */
    private volatile boolean stopped;

    public UsageWriter(UsageStore store) {
        this(store, CAPACITY, WAIT);
    }

    UsageWriter(UsageStore store, int capacity) {
        this(store, capacity, WAIT);
    }

    UsageWriter(UsageStore store, int capacity, Duration wait) {
        this.store = requireNonNull(store, "store is null");
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.wait = requireNonNull(wait, "wait is null");
        // A platform thread: the writes run in native code, which would pin a virtual thread's carrier anyway.
        this.writer = Thread.ofPlatform().name("usage-writer").daemon(true).start(this::run);
    }

    /**
     * Queues one call's usage. When the queue is full the caller waits for room: back-pressure on the calls rather
     * than lost usage or memory that grows without bound (a database that stalls slows the gateway down, visibly).
     */
    @Override
    public void add(UsageRecord usage) {
        requireNonNull(usage, "usage is null");
        if (stopped) {
            write(List.of(Item.of(usage)));
            return;
        }
        enqueue(Item.of(usage));
    }

    @Override
    public List<UsageSummary> summarize(String keyId, String model, Instant from, Instant to) {
        flush();
        return store.summarize(keyId, model, from, to);
    }

    @Override
    public Map<String, Spent> spentByKeySince(Instant from) {
        flush();
        return store.spentByKeySince(from);
    }

    /**
     * Waits until everything added before this call is written (or has failed and been logged), at most
     * {@link #WAIT}.
     *
     * @throws UsageNotWrittenException when the writes are further behind than that (or the wait is interrupted).
     *     Refused rather than read anyway: sums that silently miss the latest calls look whole to whoever bills or
     *     budgets by them, while a refusal says "not now"; and a database that stalls the writes would likely stall
     *     the read too.
     */
    public void flush() {
        if (stopped) {
            return;
        }
        long deadline = System.nanoTime() + wait.toNanos();
        Item marker = Item.marker(false);
        if (!offerBefore(marker, deadline) || !writtenBefore(marker, deadline)) {
            if (!Thread.currentThread().isInterrupted()) { // a cancelled request gave up, not the database
                EventLog.warn("usage.store_slow", "error", "the usage writes are more than " + wait.toSeconds()
                        + " s behind; a usage read was refused", "records", recordsNotWritten());
            }
            throw new UsageNotWrittenException(wait);
        }
    }

    /**
     * Writes what is queued, then stops the writer; adds after this are written on the caller's thread. Waits at most
     * {@link #WAIT}; when the writes are stalled it logs {@code usage.store_failed} with the records that may be
     * lost, and returns.
     */
    @Override
    public void close() {
        if (stopped) {
            return;
        }
        // One deadline for putting the stop marker on the queue and for the writer to reach it: a full queue behind
        // a stalled write must not hold the shut-down forever either.
        long deadline = System.nanoTime() + wait.toNanos();
        if (offerBefore(Item.marker(true), deadline)) {
            try {
                writer.join(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (writer.isAlive()) {
            EventLog.error("usage.store_failed", "error", "the usage writes did not finish within " + wait.toSeconds()
                    + " s of the stop; the records not yet written may be lost", "records", recordsNotWritten());
        }
    }

    /** @return the records queued or being written: what a write that never ends would lose */
    private int recordsNotWritten() {
        int queued = 0;
        for (Item item : queue) {
            if (item.usage() != null) {
                queued++;
            }
        }
        return queued + writing;
    }

    /**
     * Puts a marker on the queue, waiting for room until {@code deadline} ({@link System#nanoTime}). An interrupt ends
     * the wait (and is kept): only markers come here, and their callers give up on a timeout anyway.
     */
    private boolean offerBefore(Item marker, long deadline) {
        try {
            if (!queue.offer(marker, deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
                return false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        // As in enqueue: the writer may have taken its last look before the marker went on the queue.
        if (stopped) {
            writeWhatIsLeft();
        }
        return true;
    }

    /** Whether the writer reached {@code marker} by {@code deadline}; an interrupt ends the wait (and is kept). */
    private static boolean writtenBefore(Item marker, long deadline) {
        try {
            marker.written().get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("a marker is only ever completed normally", e);
        }
    }

    /**
     * Puts {@code item} on the queue, waiting for room. An interrupt (a request cancelled while it waits) does not
     * drop the record: the wait goes on and the interrupt is kept for the caller.
     */
    private void enqueue(Item item) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    queue.put(item);
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        // The writer may have taken its last look at the queue after this item went on it: write it here then.
        // (The writer sets 'stopped' before that look, so one of the two always sees the item.)
        if (stopped) {
            writeWhatIsLeft();
        }
    }

    private void run() {
        try {
            List<Item> batch = new ArrayList<>(BATCH);
            while (true) {
                batch.add(queue.take());
                queue.drainTo(batch, BATCH - 1);
                boolean stop = batch.stream().anyMatch(Item::stop);
                write(batch);
                batch.clear();
                if (stop) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            // Nobody but the JVM's end interrupts this thread; what is queued is written below.
        } finally {
            stopped = true;
            writeWhatIsLeft();
        }
    }

    private void writeWhatIsLeft() {
        List<Item> left = new ArrayList<>();
        queue.drainTo(left);
        write(left);
    }

    /** Writes the batch's records in one go, then releases its markers; a failure is logged, never thrown. */
    private void write(List<Item> batch) {
        List<UsageRecord> records = new ArrayList<>(batch.size());
        for (Item item : batch) {
            if (item.usage() != null) {
                records.add(item.usage());
            }
        }
        try {
            if (!records.isEmpty()) {
                writing = records.size();
                store.addAll(records);
            }
        } catch (RuntimeException e) {
            // Losing these rows is better than failing calls whose answers are gone; the metrics still count them.
            EventLog.error("usage.store_failed", "request_id", records.getFirst().requestId(),
                    "records", records.size(), "error", e.getMessage());
        } finally {
            writing = 0;
            for (Item item : batch) {
                if (item.written() != null) {
                    item.written().complete(null);
                }
            }
        }
    }
}
