package io.agentgateway.host.observe;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * One line a record: {@code 2026-11-26T08:00:00.123Z INFO {"event":...}}. The JDK's default format spends two lines
 * and a locale-aware date format on each record, which on the request path costs more than the request's own work.
 */
public final class LineFormatter extends Formatter {

    @Override
    public String format(LogRecord record) {
        StringBuilder line = new StringBuilder(160)
                .append(Instant.ofEpochMilli(record.getMillis()))
                .append(' ').append(record.getLevel().getName())
                .append(' ').append(formatMessage(record));
        if (!record.getLoggerName().startsWith("agent-gateway")) {
            line.append(" [").append(record.getLoggerName()).append(']');
        }
        line.append('\n');
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            line.append(trace);
        }
        return line.toString();
    }
}
