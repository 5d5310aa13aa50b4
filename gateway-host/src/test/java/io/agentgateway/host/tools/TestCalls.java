package io.agentgateway.host.tools;

import io.agentgateway.api.Cancellation;
import io.agentgateway.api.tool.ToolContext;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Shared doubles: a caller context, and a capture of the gateway's structured log lines. */
public final class TestCalls {

    private TestCalls() {
    }

    record Caller(String requestId, String agentId, String keyId) implements ToolContext {
        @Override
        public Cancellation cancellation() {
            return Cancellation.NONE;
        }
    }

    public static ToolContext as(String keyId, String agentId) {
        return new Caller("req-test", agentId, keyId);
    }

    /** Collects the JSON lines EventLog writes while open. */
    public static final class LogCapture extends Handler implements AutoCloseable {
        private static final Logger LOGGER = Logger.getLogger("agent-gateway");
        final List<String> lines = new ArrayList<>();

        public LogCapture() {
            LOGGER.addHandler(this);
        }

        @Override
        public synchronized void publish(LogRecord record) {
            lines.add(record.getMessage());
        }

        public synchronized List<String> lines(String event) {
            return lines.stream().filter(l -> l.contains("\"event\":\"" + event + "\"")).toList();
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            LOGGER.removeHandler(this);
        }
    }
}
