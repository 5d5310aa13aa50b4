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
final class CapturedEvents extends Handler implements AutoCloseable {

    private static final Logger EVENTS = Logger.getLogger("agent-gateway");
    private final List<Map<String, Object>> events = new CopyOnWriteArrayList<>();

    CapturedEvents() {
        EVENTS.addHandler(this);
    }

    /** @return the events named {@code name}, as JSON objects */
    List<Map<String, Object>> named(String name) {
        return events.stream().filter(event -> name.equals(event.get("event"))).toList();
    }

    @Override
    public void publish(LogRecord record) {
        try {
            events.add(Json.readObject(record.getMessage()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
