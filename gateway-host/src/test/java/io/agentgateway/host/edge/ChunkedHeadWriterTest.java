package io.agentgateway.host.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.buffers.DataWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkedHeadWriterTest {

    private static final String CHUNKED_HEAD = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
            + "Transfer-Encoding: chunked\r\n\r\n";
    private static final String FIRST_CHUNK = "e\r\ndata: {\"a\":1}\n\n\r\n";

    private final Socket socket = new Socket();
    private final ChunkedHeadWriter writer = new ChunkedHeadWriter(socket);

    @Test
    void aChunkedHeadLeavesInOneWriteWithItsFirstChunk() {
        writer.write(buffer(CHUNKED_HEAD));
        assertEquals(List.of(), socket.writes, "the head waits for its first chunk");

        writer.write(buffer(FIRST_CHUNK));
        writer.write(buffer("0\r\n\r\n"));

        assertEquals(List.of(CHUNKED_HEAD + FIRST_CHUNK, "0\r\n\r\n"), socket.writes);
    }

    @Test
    void aHeadWithALengthOrWithItsBodyLeavesAtOnce() {
        String empty = "HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n";
        String whole = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}";
        writer.write(buffer(empty));
        writer.write(buffer(whole));

        assertEquals(List.of(empty, whole), socket.writes);
    }

    @Test
    void aHeldHeadLeavesOnFlushAndBeforeAnImmediateWrite() {
        writer.write(buffer(CHUNKED_HEAD));
        writer.flush();
        writer.write(buffer(CHUNKED_HEAD));
        writer.writeNow(buffer(FIRST_CHUNK));

        assertEquals(List.of(CHUNKED_HEAD, CHUNKED_HEAD + FIRST_CHUNK), socket.writes);
    }

    @Test
    void chunkedInABodyIsNotTakenForAHead() {
        String bodyEndingLikeAHead = "HTTP/1.1 200 OK\r\nContent-Length: 33\r\n\r\n"
                + "x\r\nTransfer-Encoding: chunked\r\n\r\n";
        writer.write(buffer(bodyEndingLikeAHead));

        assertEquals(List.of(bodyEndingLikeAHead), socket.writes);
    }

    private static BufferData buffer(String text) {
        return BufferData.create(text.getBytes(StandardCharsets.US_ASCII));
    }

    /** Records what reaches the socket, one entry per write. */
    private static final class Socket implements DataWriter {
        final List<String> writes = new ArrayList<>();

        @Override
        public void write(BufferData... buffers) {
            write(BufferData.create(buffers));
        }

        @Override
        public void write(BufferData buffer) {
            byte[] bytes = new byte[buffer.available()];
            buffer.read(bytes);
            writes.add(new String(bytes, StandardCharsets.US_ASCII));
        }

        @Override
        public void writeNow(BufferData... buffers) {
            write(buffers);
        }

        @Override
        public void writeNow(BufferData buffer) {
            write(buffer);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
