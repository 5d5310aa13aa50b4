package io.agentgateway.plugins.openai;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The lines of an SSE body, read in bulk through a small byte buffer. A stream stays open for as long as the model
 * writes, and a gateway holds thousands at once: a {@code BufferedReader} over an {@code InputStreamReader} keeps
 * 24 KB per stream (an 8,192-char buffer and an 8 KB decoder buffer) where one short line at a time needs far less.
 */
final class SseLines {

    /** No event of a chat completion comes near this; a server that never ends its line must not exhaust memory. */
    static final int MAX_LINE_BYTES = 1 << 20;

    private final InputStream in;
    private final byte[] buffer = new byte[1024];
    private int position;
    private int limit;
    private byte[] line = new byte[256];
    private boolean afterCarriageReturn;

    SseLines(InputStream in) {
        this.in = in;
    }

    /**
     * @return the next line without its end ({@code \n}, {@code \r\n} or a lone {@code \r}, as SSE allows), or null at
     *     the end of the body
     * @throws IOException when reading fails, or a line grows past {@link #MAX_LINE_BYTES}
     */
    String next() throws IOException {
        int length = 0;
        while (true) {
            if (position == limit) {
                limit = in.read(buffer, 0, buffer.length);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    return length == 0 ? null : decode(length);
                }
            }
            byte b = buffer[position++];
            if (afterCarriageReturn) {
                afterCarriageReturn = false;
                if (b == '\n') {
                    continue; // the \n of a \r\n whose \r already ended the line
                }
            }
            if (b == '\n') {
                return decode(length);
            }
            if (b == '\r') {
                afterCarriageReturn = true;
                return decode(length);
            }
            if (length == line.length) {
                if (length >= MAX_LINE_BYTES) {
                    throw new IOException("the server sent a line longer than " + MAX_LINE_BYTES + " bytes");
                }
                line = Arrays.copyOf(line, Math.min(length * 2, MAX_LINE_BYTES));
            }
            line[length++] = b;
        }
    }

    private String decode(int length) {
        return new String(line, 0, length, StandardCharsets.UTF_8);
    }
}
