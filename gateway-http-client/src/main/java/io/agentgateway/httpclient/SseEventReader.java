package io.agentgateway.httpclient;

import io.agentgateway.api.http.HttpLimitException;
import io.agentgateway.api.http.ServerSentEvent;
import io.agentgateway.api.http.ServerSentEvents;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads {@code text/event-stream} events through a small buffer. Lines end in {@code \n}, {@code \r\n} or a lone
 * {@code \r}, as the format allows. An event's {@code data:} lines are appended to one growing buffer (linear in the
 * event's size, however many lines it has), which never grows past the event size limit; the count of events is
 * bounded too. The stream's total size and duration are bounded by the body it reads.
 */
final class SseEventReader implements ServerSentEvents {

    private final InputStream in;
    private final long maxEventBytes;
    private final long maxEvents;
    private final Runnable abort;
    /** Small on purpose: a gateway holds thousands of streams, each one short event at a time. */
    private final byte[] buffer = new byte[1024];
    private int position;
    private int limit;
    private boolean afterCarriageReturn;
    private byte[] line = new byte[256];
    private int lineLength;
    private byte[] data = new byte[256];
    private int dataLength;
    private boolean hasData;
    private String eventType;
    /** Bytes of the current event so far, every line counted: what an event without a blank line grows by. */
    private long eventBytes;
    private long events;

    SseEventReader(InputStream in, long maxEventBytes, long maxEvents, Runnable abort) {
        this.in = in;
        this.maxEventBytes = maxEventBytes;
        this.maxEvents = maxEvents;
        this.abort = abort;
    }

    @Override
    public ServerSentEvent next() throws IOException {
        while (readLine()) {
            if (lineLength == 0) {
                if (hasData) {
                    return dispatch();
                }
                eventType = null;
                eventBytes = 0;
                continue;
            }
            if (line[0] == ':') {
                continue; // a comment, often a keep-alive
            }
            int colon = indexOf(':');
            int nameEnd = colon < 0 ? lineLength : colon;
            int valueStart = colon < 0 ? lineLength : colon + 1 < lineLength && line[colon + 1] == ' ' ? colon + 2
                    : colon + 1;
            if (is("data", nameEnd)) {
                appendData(valueStart);
            } else if (is("event", nameEnd)) {
                eventType = new String(line, valueStart, lineLength - valueStart, StandardCharsets.UTF_8);
            }
            // id: and retry: steer a browser's reconnection; nothing here reconnects.
        }
        // The body ended: an event without its closing blank line is still whole.
        return hasData ? dispatch() : null;
    }

    /** Reads the next line into {@link #line}; false at the end of the body. */
    private boolean readLine() throws IOException {
        lineLength = 0;
        boolean any = false;
        while (true) {
            if (position == limit) {
                limit = in.read(buffer, 0, buffer.length);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    return any;
                }
            }
            byte b = buffer[position++];
            if (afterCarriageReturn) {
                afterCarriageReturn = false;
                if (b == '\n') {
                    continue; // the \n of a \r\n whose \r already ended the line
                }
            }
            any = true;
            if (b == '\n' || b == '\r') {
                afterCarriageReturn = b == '\r';
                eventBytes += lineLength + 1;
                return true;
            }
            if (eventBytes + lineLength >= maxEventBytes) {
                throw overLimit("max_event_bytes", "one event of the stream went past max_event_bytes ("
                        + maxEventBytes + ")");
            }
            if (lineLength == line.length) {
                line = Arrays.copyOf(line, (int) Math.min((long) line.length * 2, maxEventBytes + 1));
            }
            line[lineLength++] = b;
        }
    }

    private void appendData(int valueStart) {
        int length = lineLength - valueStart;
        int needed = dataLength + (hasData ? 1 : 0) + length;
        if (needed > data.length) {
            data = Arrays.copyOf(data, Math.max(needed, (int) Math.min((long) data.length * 2, maxEventBytes + 1)));
        }
        if (hasData) {
            data[dataLength++] = '\n';
        }
        System.arraycopy(line, valueStart, data, dataLength, length);
        dataLength += length;
        hasData = true;
    }

    private ServerSentEvent dispatch() throws HttpLimitException {
        if (++events > maxEvents) {
            throw overLimit("max_stream_events", "the stream went past max_stream_events (" + maxEvents + ")");
        }
        ServerSentEvent event = new ServerSentEvent(eventType,
                new String(data, 0, dataLength, StandardCharsets.UTF_8));
        dataLength = 0;
        hasData = false;
        eventType = null;
        eventBytes = 0;
        if (data.length > 4096) {
            data = new byte[256]; // one big event does not keep its buffer for the rest of a long stream
            line = new byte[256];
        }
        return event;
    }

    private HttpLimitException overLimit(String name, String message) {
        abort.run();
        return new HttpLimitException(name, message);
    }

    private int indexOf(char c) {
        for (int i = 0; i < lineLength; i++) {
            if (line[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private boolean is(String field, int nameEnd) {
        if (nameEnd != field.length()) {
            return false;
        }
        for (int i = 0; i < nameEnd; i++) {
            if (line[i] != field.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
