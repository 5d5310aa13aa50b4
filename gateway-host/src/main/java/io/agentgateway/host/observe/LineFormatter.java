package io.agentgateway.host.observe;

import io.agentgateway.host.json.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * Every log line the process writes, one JSON object a line:
 * {@code {"time":"2026-12-01T08:00:00.123Z","level":"INFO","logger":"agent-gateway","event":"http.request",
 * "message":"http.request","request_id":...,...}}. The gateway's own events ({@link EventLog}) keep their fields at
 * the top level; a library's or a plugin's line has {@code "event":"log"} and its text as {@code message}, and a
 * thrown exception as {@code error}. {@code request_id} is added wherever the thread works for a request
 * ({@link LogContext}). With {@code GATEWAY_LOG_FORMAT=text}: one readable line instead, for a terminal.
 *
 * <p>Installed on the JUL root handler (logging.properties), so every logger in the process goes through it:
 * {@code System.Logger} (the JDK's and Helidon's), JUL, and SLF4J (PF4J, the MCP SDK) through slf4j-jdk14.
 * Written for the request path: an event line is spliced, not parsed again.
 */
public final class LineFormatter extends Formatter {

    private static final DateTimeFormatter TEXT_TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT)
            .withZone(ZoneId.systemDefault());
    private static final String EVENT_START = "{\"event\":\"";

    private final boolean text;

    public LineFormatter() {
        this(textFormat(System::getenv));
    }

    /** @return whether {@code GATEWAY_LOG_FORMAT} asks for text (a terminal) rather than JSON (the default) */
    public static boolean textFormat(java.util.function.Function<String, String> env) {
        String format = env.apply("GATEWAY_LOG_FORMAT");
        return format != null && format.trim().equalsIgnoreCase("text");
    }

    /** @param text whether to write the readable form rather than JSON */
    public LineFormatter(boolean text) {
        this.text = text;
    }

    @Override
    public String format(LogRecord record) {
        String message = formatMessage(record);
        boolean event = message != null && message.startsWith(EVENT_START) && message.endsWith("}");
        String requestId = LogContext.requestId();
        return text ? text(record, message, event, requestId) : json(record, message, event, requestId);
    }

    private String json(LogRecord record, String message, boolean event, String requestId) {
        StringBuilder line = new StringBuilder(message == null ? 128 : message.length() + 128);
        line.append("{\"time\":\"").append(Instant.ofEpochMilli(record.getMillis()))
                .append("\",\"level\":\"").append(level(record.getLevel()))
                .append("\",\"logger\":").append(Json.write(String.valueOf(record.getLoggerName())));
        if (event) {
            String name = message.substring(EVENT_START.length(), message.indexOf('"', EVENT_START.length()));
            if (!message.contains("\"message\":")) {
                line.append(",\"message\":\"").append(name).append('"');
            }
            if (requestId != null && !message.contains("\"request_id\":")) {
                line.append(",\"request_id\":").append(Json.write(requestId));
            }
            line.append(',').append(message, 1, message.length() - 1);
        } else {
            line.append(",\"event\":\"log\",\"message\":").append(Json.write(String.valueOf(message)));
            if (requestId != null) {
                line.append(",\"request_id\":").append(Json.write(requestId));
            }
        }
        if (record.getThrown() != null) {
            line.append(",\"error\":").append(Json.write(stackTrace(record.getThrown())));
        }
        return line.append("}\n").toString();
    }

    private String text(LogRecord record, String message, boolean event, String requestId) {
        StringBuilder line = new StringBuilder(160).append(TEXT_TIME.format(Instant.ofEpochMilli(record.getMillis())))
                .append(' ').append(String.format(Locale.ROOT, "%-5s", level(record.getLevel()))).append(' ');
        Map<String, Object> fields = event ? fields(message) : null;
        if (fields != null) {
            line.append(fields.remove("event"));
            if (requestId != null) {
                fields.putIfAbsent("request_id", requestId);
            }
            fields.forEach((key, value) -> line.append(' ').append(key).append('=')
                    .append(value instanceof String s && !s.contains(" ") ? s : Json.write(value)));
        } else {
            line.append('[').append(record.getLoggerName()).append("] ").append(message);
            if (requestId != null) {
                line.append(" request_id=").append(requestId);
            }
        }
        line.append('\n');
        if (record.getThrown() != null) {
            line.append(stackTrace(record.getThrown()));
        }
        return line.toString();
    }

    private static Map<String, Object> fields(String message) {
        try {
            return new LinkedHashMap<>(Json.readObject(message));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The reference's level names. */
    private static String level(Level level) {
        int value = level.intValue();
        if (value >= Level.SEVERE.intValue()) {
            return "ERROR";
        }
        if (value >= Level.WARNING.intValue()) {
            return "WARNING";
        }
        if (value >= Level.INFO.intValue()) {
            return "INFO";
        }
        return "DEBUG";
    }

    private static String stackTrace(Throwable thrown) {
        StringWriter trace = new StringWriter();
        thrown.printStackTrace(new PrintWriter(trace));
        return trace.toString();
    }
}
