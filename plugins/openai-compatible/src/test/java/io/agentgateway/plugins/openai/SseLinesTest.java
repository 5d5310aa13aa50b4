package io.agentgateway.plugins.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SseLinesTest {

    @Test
    void longLinesMultiByteTextAndLineEndingsComeBackWhole() throws IOException {
        String long1 = "data: " + "é漢🙂".repeat(500); // about 4.5 KB, past the 1 KB buffer, multi-byte chars
        byte[] body = (long1 + "\r\n\r\ndata: [DONE]").getBytes(StandardCharsets.UTF_8);
        SseLines lines = new SseLines(trickle(body, 7)); // refills that split characters
        assertEquals(long1, lines.next());
        assertEquals("", lines.next());
        assertEquals("data: [DONE]", lines.next(), "a last line without its newline still counts");
        assertNull(lines.next());
    }

    @Test
    void aLoneCarriageReturnEndsALineToo() throws IOException {
        SseLines lines = new SseLines(trickle("data: a\r\rdata: b\r".getBytes(StandardCharsets.UTF_8), 1));
        assertEquals("data: a", lines.next());
        assertEquals("", lines.next());
        assertEquals("data: b", lines.next());
        assertNull(lines.next());
    }

    @Test
    void aLineThatNeverEndsFailsInsteadOfFillingTheHeap() {
        byte[] endless = new byte[SseLines.MAX_LINE_BYTES + 10];
        java.util.Arrays.fill(endless, (byte) 'x');
        assertThrows(IOException.class, () -> new SseLines(new ByteArrayInputStream(endless)).next());
    }

    /** A stream that hands out at most {@code step} bytes per read, as a network does. */
    private static InputStream trickle(byte[] bytes, int step) {
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, step));
            }
        };
    }
}
