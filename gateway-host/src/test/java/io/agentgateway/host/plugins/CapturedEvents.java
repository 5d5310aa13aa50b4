package io.agentgateway.host.plugins;

import io.agentgateway.host.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Collects the structured events the gateway logs while a test runs. */
public final class CapturedEvents extends Handler implements AutoCloseable {

    private static final Logger EVENTS = Logger.getLogger("agent-gateway");
    private final List<Map<String, Object>> events = new CopyOnWriteArrayList<>();

    public CapturedEvents() {
        EVENTS.addHandler(this);
    }

    /** @return the events named {@code name}, as JSON objects */
    public List<Map<String, Object>> named(String name) {
        return events.stream().filter(event -> name.equals(event.get("event"))).toList();
    }

    /**
     * Waits until {@code count} events named {@code name} were logged (some, such as {@code http.request}, are logged
     * after the response has reached the client).
     *
     * @return those events
     * @throws AssertionError when they did not come within 5 s
     */
    public synchronized List<Map<String, Object>> await(String name, int count) throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
        while (named(name).size() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("expected " + count + " '" + name + "' events, got " + named(name));
            }
            java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return named(name);
    }

    @Override
    public void publish(LogRecord record) {
        try {
            events.add(Json.readObject(record.getMessage()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        synchronized (this) {
            notifyAll();
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        EVENTS.removeHandler(this);
    }
}
