package io.agentgateway.host.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgateway.host.json.Json;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class LineFormatterTest {

    private final LineFormatter json = new LineFormatter(false);

    @Test
    void anEventKeepsItsFieldsAtTheTopLevel() throws Exception {
        LogRecord record = record(Level.INFO, "{\"event\":\"http.request\",\"status\":200,\"request_id\":\"r1\"}");
        record.setLoggerName("agent-gateway");
        Map<String, Object> line = Json.readObject(json.format(record));
        assertEquals("INFO", line.get("level"));
        assertEquals("agent-gateway", line.get("logger"));
        assertEquals("http.request", line.get("event"));
        assertEquals("http.request", line.get("message"));
        assertEquals(200, line.get("status"));
        assertEquals("r1", line.get("request_id"));
        assertTrue(((String) line.get("time")).endsWith("Z"));
    }

    @Test
    void aLibraryLineIsJsonWithTheRequestItWasWrittenFor() throws Exception {
        LogRecord record = record(Level.WARNING, "Plugin {0} said \"hi\"\nover two lines");
        record.setParameters(new Object[] {"demo"});
        record.setLoggerName("org.pf4j.AbstractPluginManager");
        record.setThrown(new IllegalStateException("broken"));
        LogContext.requestId("req-7");
        String formatted;
        try {
            formatted = json.format(record);
        } finally {
            LogContext.requestId(null);
        }
        assertEquals(1, formatted.lines().count(), formatted);
        Map<String, Object> line = Json.readObject(formatted);
        assertEquals("WARNING", line.get("level"));
        assertEquals("org.pf4j.AbstractPluginManager", line.get("logger"));
        assertEquals("log", line.get("event"));
        assertEquals("Plugin demo said \"hi\"\nover two lines", line.get("message"));
        assertEquals("req-7", line.get("request_id"));
        assertTrue(((String) line.get("error")).startsWith("java.lang.IllegalStateException: broken"));
    }

    @Test
    void textIsOneReadableLine() {
        LogRecord record = record(Level.SEVERE, "{\"event\":\"upstream.error\",\"upstream\":\"mock\",\"cause\":\"a b\"}");
        record.setLoggerName("agent-gateway");
        String line = new LineFormatter(true).format(record);
        assertTrue(line.matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} ERROR upstream.error upstream=mock cause=\"a b\"\n"),
                line);
    }

    private static LogRecord record(Level level, String message) {
        return new LogRecord(level, message);
    }
}
