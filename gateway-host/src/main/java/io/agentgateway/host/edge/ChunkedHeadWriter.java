package io.agentgateway.host.edge;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.buffers.DataWriter;
import java.nio.charset.StandardCharsets;

/**
 * The connection's writer, which sends the head of a chunked response together with its first chunk: one write, one
 * TCP segment. Helidon 4.5 writes a chunked response's head and its first chunk as two writes, back to back in the same
 * call; a streamed answer's first event then left in two segments, and a client read the head alone first and waited
 * for the event in a second read. Here such a head is held until that next write and goes out in front of it.
 *
 * <p>Only a head that says {@code Transfer-Encoding: chunked} is held: Helidon follows it with a chunk at once (a
 * response without body bytes gets a {@code Content-Length} instead). A flush or close sends a held head as it is.
 */
final class ChunkedHeadWriter implements DataWriter {

    private static final byte[] CHUNKED = "\r\ntransfer-encoding: chunked\r\n".getBytes(StandardCharsets.US_ASCII);

    private final DataWriter socket;
    private BufferData heldHead;

    ChunkedHeadWriter(DataWriter socket) {
        this.socket = socket;
    }

    @Override
    public void write(BufferData... buffers) {
        if (buffers.length == 1) {
            write(buffers[0]);
        } else if (heldHead == null) {
            socket.write(buffers);
        } else {
            socket.write(withHeldHead(BufferData.create(buffers)));
        }
    }

    @Override
    public void write(BufferData buffer) {
        if (heldHead == null && chunkedHead(buffer)) {
            heldHead = buffer;
            return;
        }
        socket.write(withHeldHead(buffer));
    }

    @Override
    public void writeNow(BufferData... buffers) {
        if (heldHead == null) {
            socket.writeNow(buffers);
        } else {
            socket.writeNow(withHeldHead(BufferData.create(buffers)));
        }
    }

    @Override
    public void writeNow(BufferData buffer) {
        socket.writeNow(withHeldHead(buffer));
    }

    @Override
    public void flush() {
        sendHeldHead();
        socket.flush();
    }

    @Override
    public void close() {
        sendHeldHead();
        socket.close();
    }

    private BufferData withHeldHead(BufferData buffer) {
        BufferData head = heldHead;
        if (head == null) {
            return buffer;
        }
        heldHead = null;
        return BufferData.create(head, buffer);
    }

    private void sendHeldHead() {
        BufferData head = heldHead;
        if (head != null) {
            heldHead = null;
            socket.write(head);
        }
    }

    /** Whether {@code buffer} is a whole response head (status line to empty line) that declares chunked framing. */
    static boolean chunkedHead(BufferData buffer) {
        int length = buffer.available();
        if (length < 16 || buffer.get(0) != 'H' || buffer.get(1) != 'T' || buffer.get(2) != 'T'
                || buffer.get(3) != 'P' || buffer.get(4) != '/') {
            return false;
        }
        if (buffer.get(length - 4) != '\r' || buffer.get(length - 3) != '\n' || buffer.get(length - 2) != '\r'
                || buffer.get(length - 1) != '\n') {
            return false;
        }
        // The head ends at the first empty line: one that ends earlier is a head with body bytes after it.
        for (int i = 0; i + 3 < length - 4; i++) {
            if (buffer.get(i) == '\r' && buffer.get(i + 1) == '\n' && buffer.get(i + 2) == '\r'
                    && buffer.get(i + 3) == '\n') {
                return false;
            }
        }
        for (int start = 0; start + CHUNKED.length <= length - 2; start++) {
            if (matchesAt(buffer, start)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchesAt(BufferData buffer, int start) {
        for (int i = 0; i < CHUNKED.length; i++) {
            int b = buffer.get(start + i);
            if (b >= 'A' && b <= 'Z') {
                b += 'a' - 'A';
            }
            if (b != CHUNKED[i]) {
                return false;
            }
        }
        return true;
    }
}
