package io.agentgateway.host.edge;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.buffers.DataWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The connection's writer, which sends a HEAD request's response without its body. A HEAD is routed as the GET it
 * stands for ({@link EdgeFilter}), so its status and headers (Content-Length included) are the GET's; Helidon 4.5
 * would then write the body too, and a keep-alive client would read it as the start of the next response. Here the
 * response's head passes (interim 1xx heads too) and every byte after it is dropped until the next request.
 */
final class HeadResponseWriter implements DataWriter {

    private static final byte[] END_OF_HEAD = {'\r', '\n', '\r', '\n'};

    private enum Mode { PASS, IN_HEAD, DROP }

    private final DataWriter socket;
    private volatile Mode mode = Mode.PASS;
    private int matched;
    private final StringBuilder statusLine = new StringBuilder();

    HeadResponseWriter(DataWriter socket) {
        this.socket = socket;
    }

    /** @param head whether the response to come answers a HEAD request */
    void nextResponse(boolean head) {
        mode = head ? Mode.IN_HEAD : Mode.PASS;
        matched = 0;
        statusLine.setLength(0);
    }

    @Override
    public void write(BufferData... buffers) {
        BufferData[] kept = keep(buffers);
        if (kept.length > 0) {
            socket.write(kept);
        }
    }

    @Override
    public void write(BufferData buffer) {
        BufferData kept = keep(buffer);
        if (kept != null) {
            socket.write(kept);
        }
    }

    @Override
    public void writeNow(BufferData... buffers) {
        BufferData[] kept = keep(buffers);
        if (kept.length > 0) {
            socket.writeNow(kept);
        }
    }

    @Override
    public void writeNow(BufferData buffer) {
        BufferData kept = keep(buffer);
        if (kept != null) {
            socket.writeNow(kept);
        }
    }

    @Override
    public void flush() {
        socket.flush();
    }

    @Override
    public void close() {
        socket.close();
    }

    private BufferData[] keep(BufferData[] buffers) {
        if (mode == Mode.PASS) {
            return buffers;
        }
        List<BufferData> kept = new ArrayList<>(buffers.length);
        for (BufferData buffer : buffers) {
            BufferData part = keep(buffer);
            if (part != null) {
                kept.add(part);
            }
        }
        return kept.toArray(BufferData[]::new);
    }

    /** @return what of {@code buffer} goes to the socket, or null for nothing */
    private BufferData keep(BufferData buffer) {
        if (mode == Mode.PASS) {
            return buffer;
        }
        if (mode == Mode.DROP) {
            return null;
        }
        byte[] bytes = new byte[buffer.available()];
        buffer.read(bytes);
        int end = 0;
        while (end < bytes.length && mode == Mode.IN_HEAD) {
            byte b = bytes[end++];
            if (statusLine.length() < 12) {
                statusLine.append((char) b);
            }
            matched = b == END_OF_HEAD[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
            if (matched == END_OF_HEAD.length) {
                // "HTTP/1.1 100 Continue" and other interim answers come before the real one: wait for that.
                boolean interim = statusLine.length() >= 10 && statusLine.charAt(9) == '1';
                nextResponse(interim);
                if (!interim) {
                    mode = Mode.DROP;
                }
            }
        }
        return end == 0 ? null : BufferData.create(bytes, 0, end);
    }
}
