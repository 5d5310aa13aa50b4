package io.agentgateway.plugin.openai;

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

    private final InputStream in;
    private final byte[] buffer = new byte[1024];
    private int position;
    private int limit;
    private byte[] line = new byte[256];

    SseLines(InputStream in) {
        this.in = in;
    }

    /** @return the next line without its {@code \n} or {@code \r\n}, or null at the end of the body */
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
            if (b == '\n') {
                return decode(length > 0 && line[length - 1] == '\r' ? length - 1 : length);
            }
            if (length == line.length) {
                line = Arrays.copyOf(line, length * 2);
            }
            line[length++] = b;
        }
    }

    private String decode(int length) {
        return new String(line, 0, length, StandardCharsets.UTF_8);
    }
}
