package __PACKAGE__;

import io.agentgateway.api.Cancellation;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The {@code data:} payloads of a server-sent event stream, one by one. A line may hold at most 1 MiB, and a watch
 * closes the stream when no line came within the timeout (or when the call is cancelled), so a stalled server cannot
 * hold a call forever.
 */
final class EventStream implements AutoCloseable {

    /** Thrown by {@link #next()} when the server sent nothing for longer than the timeout. */
    static final class GapTimeout extends IOException {
        GapTimeout(Duration timeout) {
            super("nothing received for " + timeout.toMillis() + " ms");
        }
    }

    private static final int MAX_LINE_BYTES = 1024 * 1024;

    private final InputStream body;
    private final Duration timeout;
    private final Thread watch;
    private volatile long lastActivity = System.nanoTime();
    private volatile boolean timedOut;

    EventStream(InputStream body, Duration timeout, Cancellation cancellation) {
        this.body = new BufferedInputStream(body);
        this.timeout = timeout;
        this.watch = Thread.ofVirtual().start(this::watch);
        cancellation.onCancel(this::close);
    }

    /** @return the next event's data, or null at the end of the stream */
    String next() throws IOException {
        try {
            for (String line = line(); line != null; line = line()) {
                lastActivity = System.nanoTime();
                if (line.startsWith("data:")) {
                    return line.substring(5).trim();
                }
            }
            return null;
        } catch (IOException e) {
            throw timedOut ? new GapTimeout(timeout) : e;
        }
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(256);
        for (int b = body.read(); b != -1; b = body.read()) {
            if (b == '\n') {
                return line.toString(StandardCharsets.UTF_8).stripTrailing();
            }
            if (line.size() == MAX_LINE_BYTES) {
                throw new IOException("an event line longer than " + MAX_LINE_BYTES + " bytes");
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8).stripTrailing();
    }

    private void watch() {
        try {
            for (long wait = timeout.toNanos(); wait > 0; wait = lastActivity + timeout.toNanos() - System.nanoTime()) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            timedOut = true;
            close();
        } catch (InterruptedException e) {
            // the stream ended first
        }
    }

    @Override
    public void close() {
        watch.interrupt();
        try {
            body.close();
        } catch (IOException e) {
            // closing is all that was wanted
        }
    }
}
