package io.agentgateway.host.observe;

import io.agentgateway.host.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Structured log events: one JSON object a line, {@code {"event":"tool.invoke","request_id":...,...}}. Event names
 * ({@code http.request}, {@code tool.invoke}, {@code agent.dropin.blocked}, ...) are kept stable: operators' log
 * queries depend on them (docs/origins.md).
 */
public final class EventLog {

    private static final System.Logger LOG = System.getLogger("agent-gateway");

    private EventLog() {
    }

    /**
     * Logs an event at INFO.
     *
     * @param event the event name
     * @param keyValues alternating field names and values; null values are left out
     */
    public static void info(String event, Object... keyValues) {
        log(System.Logger.Level.INFO, event, keyValues);
    }

    /** Logs an event at WARNING. */
    public static void warn(String event, Object... keyValues) {
        log(System.Logger.Level.WARNING, event, keyValues);
    }

    /** Logs an event at ERROR. */
    public static void error(String event, Object... keyValues) {
        log(System.Logger.Level.ERROR, event, keyValues);
    }

    /** Logs an event at the given level. */
    public static void log(System.Logger.Level level, String event, Object... keyValues) {
        if (!LOG.isLoggable(level)) {
            return;
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("event", event);
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            if (keyValues[i + 1] != null) {
                fields.put(String.valueOf(keyValues[i]), keyValues[i + 1]);
            }
        }
        LOG.log(level, Json.write(fields));
    }
}
