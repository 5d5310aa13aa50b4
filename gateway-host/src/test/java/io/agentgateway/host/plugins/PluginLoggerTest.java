package io.agentgateway.host.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class PluginLoggerTest {

    @Test
    void everyRecordNamesThePluginItCameFrom() {
        System.Logger logger = new PluginLogger("weather");
        try (CapturedEvents events = new CapturedEvents()) {
            logger.log(System.Logger.Level.INFO, "forecast ready");
            logger.log(System.Logger.Level.WARNING, "city {0} unknown, {1} tries", "Atlantis", 3);
            assertEquals(List.of(
                            Map.of("event", "plugin.log", "plugin_id", "weather", "message", "forecast ready"),
                            Map.of("event", "plugin.log", "plugin_id", "weather",
                                    "message", "city Atlantis unknown, 3 tries")),
                    events.named("plugin.log"));
        }
    }

    @Test
    void anExceptionTravelsWithItsRecordAndLevelsAreSetPerPlugin() {
        Logger jul = Logger.getLogger("agent-gateway.plugin.levels");
        Recording records = new Recording();
        jul.addHandler(records);
        jul.setLevel(Level.WARNING);
        try {
            System.Logger logger = new PluginLogger("levels");
            assertEquals("agent-gateway.plugin.levels", logger.getName(), "the logger to set a plugin's level on");
            assertFalse(logger.isLoggable(System.Logger.Level.INFO), "a plugin can skip building what is not logged");
            assertTrue(logger.isLoggable(System.Logger.Level.ERROR));
            IllegalStateException failure = new IllegalStateException("boom");
            logger.log(System.Logger.Level.INFO, "not at this level");
            logger.log(System.Logger.Level.ERROR, "call failed", failure);
            assertEquals(1, records.records.size());
            assertSame(failure, records.records.getFirst().getThrown());
            assertEquals("{\"event\":\"plugin.log\",\"plugin_id\":\"levels\",\"message\":\"call failed\"}",
                    records.records.getFirst().getMessage());
        } finally {
            jul.removeHandler(records);
            jul.setLevel(null);
        }
    }

    private static final class Recording extends Handler {
        final List<LogRecord> records = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
