package io.agentgateway.plugins.openai;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;
import java.time.Duration;

/**
 * The body of one answer, as the server frames it: a known length, chunked transfer coding, or everything until the
 * server closes the connection. Read to its end, it hands the connection back for the next call; closed earlier (the
 * client went away, or the caller has what it needs), it closes the connection, since unread bytes would be in the way.
 */
final class ResponseBody extends InputStream {

    /** Gets the connection back once the body is read; decides whether it is kept. */
    interface Release {
        void release(UpstreamConnection connection, boolean reusable);
    }

    private static final int MAX_CHUNK_LINE = 4096;
    private static final Duration DRAIN_WAIT = Duration.ofMillis(20);
    private static final int DRAIN_MAX_BYTES = 16 * 1024;

    private final UpstreamConnection connection;
    private final Release release;
    private final boolean chunked;
    private final boolean reusable;
    /** Bytes left in the body (fixed length) or in the current chunk; -1 when the end is the connection's end. */
    private long remaining;
    private boolean done;
    private boolean closed;

    private ResponseBody(UpstreamConnection connection, ResponseHead head, Release release) {
        this.connection = connection;
        this.release = release;
        this.chunked = head.chunked();
        this.reusable = head.keepAlive() && (head.chunked() || head.contentLength() >= 0);
        this.remaining = head.chunked() ? 0 : head.contentLength();
    }

    /** The body that follows {@code head}; an answer without a body releases the connection at once. */
    static InputStream of(UpstreamConnection connection, ResponseHead head, boolean headRequest, Release release) {
        ResponseBody body = new ResponseBody(connection, head, release);
        if (!head.hasBody(headRequest) || (!head.chunked() && head.contentLength() == 0)) {
            body.finish();
        }
        return body;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        if (closed) {
            throw new IOException("the body is closed");
        }
        if (done) {
            return -1;
        }
        if (length == 0) {
            return 0;
        }
        if (chunked && remaining == 0 && !nextChunk()) {
            finish();
            return -1;
        }
        int wanted = remaining < 0 ? length : (int) Math.min(length, remaining);
        int n = connection.read(target, offset, wanted);
        if (n < 0) {
            if (remaining < 0) {
                finish();
                return -1;
            }
            throw new EOFException("the connection ended inside the body");
        }
        if (remaining > 0) {
            remaining -= n;
            if (remaining == 0 && !chunked) {
                finish();
            }
        }
        return n;
    }

    /** A body of known length is read into one array of that length, not grown through copies. */
    @Override
    public byte[] readAllBytes() throws IOException {
        if (chunked || remaining < 0 || remaining > Integer.MAX_VALUE - 8 || closed || done) {
            return super.readAllBytes();
        }
        byte[] all = new byte[(int) remaining];
        int filled = 0;
        while (filled < all.length) {
            int n = read(all, filled, all.length - filled);
            if (n < 0) {
                throw new EOFException("the connection ended inside the body");
            }
            filled += n;
        }
        return all;
    }

    /**
     * Ends the body. A stream's caller stops at {@code [DONE]}, just before the last, empty chunk: what is left is
     * read if it arrives at once, so that the connection can be reused; anything more closes it.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        drainQuickly();
        closed = true;
        if (!done) {
            done = true;
            release.release(connection, false);
        }
    }

    private void drainQuickly() {
        if (done || !reusable || Thread.currentThread().isInterrupted()) {
            return;
        }
        connection.limits(DRAIN_WAIT, System.nanoTime() + DRAIN_WAIT.toNanos());
        byte[] sink = new byte[512];
        try {
            for (int total = 0; total < DRAIN_MAX_BYTES && !done; ) {
                int n = read(sink, 0, sink.length);
                if (n > 0) {
                    total += n;
                }
            }
        } catch (IOException e) {
            // the connection is closed below
        }
    }

    /** Reads the next chunk's size line (and the end of the previous chunk); false after the last chunk. */
    private boolean nextChunk() throws IOException {
        String line = connection.requireLine(MAX_CHUNK_LINE);
        if (line.isEmpty()) { // the CRLF that ends the previous chunk's data
            line = connection.requireLine(MAX_CHUNK_LINE);
        }
        int extension = line.indexOf(';');
        String size = (extension < 0 ? line : line.substring(0, extension)).trim();
        try {
            remaining = Long.parseLong(size, 16);
        } catch (NumberFormatException e) {
            throw new ProtocolException("a chunk size is not hexadecimal");
        }
        if (remaining < 0) {
            throw new ProtocolException("a chunk size is negative");
        }
        if (remaining == 0) {
            while (!connection.requireLine(MAX_CHUNK_LINE).isEmpty()) {
                // trailers carry nothing a chat completion needs
            }
            return false;
        }
        return true;
    }

    private void finish() {
        done = true;
        release.release(connection, reusable);
    }
}
