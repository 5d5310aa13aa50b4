package io.agentgateway.httpclient;

import static java.util.Objects.requireNonNull;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.buffers.DataReader;
import io.helidon.common.buffers.DataWriter;
import io.helidon.common.socket.HelidonSocket;
import io.helidon.webclient.api.ClientConnection;
import io.helidon.webclient.api.TcpClientConnection;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * A plain-http keep-alive connection that knows how far its current call got: whether writing the request failed,
 * and whether any byte of the answer arrived. Only a call that never reached the server, or that the server closed
 * before answering anything, may be sent once more: a server that began to answer took the call up.
 */
final class KeptConnection implements ClientConnection {

    private final TcpClientConnection socket;
    private final Predicate<KeptConnection> keep;
    private final DataReader reader;
    private final DataWriter writer;
    private long answerBytes;
    private boolean writeFailed;
    // Set while it lies idle, read by the thread that sweeps the idle connections: volatile.
    private volatile long idleSince;
    private volatile boolean watched;
    private volatile long watchGivesUpAt;
    // How long Helidon's watch of the idle socket reads before it gives up: the client's read timeout.
    private final Duration idleReadTimeout;

    /**
     * @param socket the connected TCP connection
     * @param idleReadTimeout the client's read timeout, which the watch of the idle socket reads with
     * @param keep called when a call's answer was read to its end; false closes the connection instead
     */
    KeptConnection(TcpClientConnection socket, Duration idleReadTimeout, Predicate<KeptConnection> keep) {
        this.socket = requireNonNull(socket, "socket is null");
        this.idleReadTimeout = requireNonNull(idleReadTimeout, "idleReadTimeout is null");
        this.keep = requireNonNull(keep, "keep is null");
        HelidonSocket helidonSocket = socket.helidonSocket();
        // The answer is read through this reader alone (Helidon asks the connection for it), so it sees every byte.
        this.reader = DataReader.create(() -> {
            byte[] bytes = helidonSocket.get();
            if (bytes != null) {
                answerBytes += bytes.length;
            }
            return bytes;
        });
        this.writer = new Writer(socket.writer());
    }

    /** Starts a call on this connection: nothing written or read for it yet. */
    KeptConnection newCall() {
        answerBytes = 0;
        writeFailed = false;
        return this;
    }

    /** Notes that it lies idle from {@code now} (nanoseconds), its server not watched yet. */
    void idleFrom(long now) {
        idleSince = now;
        watched = false;
    }

    /** @return since when it lies idle (nanoseconds), as last noted */
    long idleSince() {
        return idleSince;
    }

    /**
     * Starts Helidon's watch of the idle socket (a thread that reads it, so that a server's close is seen), which the
     * next read ends. Only for a connection no call uses: two readers of one socket corrupt the stream.
     *
     * @param now the time in nanoseconds, as the idle connections' clock tells it
     */
    void watch(long now) {
        // The watch reads in steps of about 100 ms and gives up after the socket's read timeout (a zero one: at once).
        // The last call may have left a short one (a stream's end is read with 20 ms), so the client's is set again.
        socket.readTimeout(idleReadTimeout);
        watchGivesUpAt = now + Math.min(idleReadTimeout.toNanos(), Long.MAX_VALUE / 4);
        watched = true;
        socket.helidonSocket().idle();
    }

    /** @return whether its server was watched while it lay idle last */
    boolean watched() {
        return watched;
    }

    /** @return when the watch started last gives up after the socket's read timeout (nanoseconds, as noted) */
    long watchGivesUpAt() {
        return watchGivesUpAt;
    }

    /** @return whether writing the current call's request failed */
    boolean writeFailed() {
        return writeFailed;
    }

    /** @return whether any byte of the current call's answer was read */
    boolean answerBegan() {
        return answerBytes > 0;
    }

    @Override
    public DataReader reader() {
        socket.reader(); // fails as the socket's own does once closed
        return reader;
    }

    @Override
    public DataWriter writer() {
        socket.writer();
        return writer;
    }

    @Override
    public String channelId() {
        return socket.channelId();
    }

    @Override
    public HelidonSocket helidonSocket() {
        return socket.helidonSocket();
    }

    @Override
    public void readTimeout(Duration readTimeout) {
        socket.readTimeout(readTimeout);
    }

    @Override
    public boolean allowExpectContinue() {
        return socket.allowExpectContinue();
    }

    @Override
    public void allowExpectContinue(boolean allowExpectContinue) {
        socket.allowExpectContinue(allowExpectContinue);
    }

    @Override
    public boolean isConnected() {
        return socket.isConnected();
    }

    @Override
    public void releaseResource() {
        if (!keep.test(this)) {
            closeResource();
        }
    }

    @Override
    public void closeResource() {
        socket.closeResource();
    }

    /** The socket's writer, noting a failure to write. */
    private final class Writer implements DataWriter {

        private final DataWriter delegate;

        Writer(DataWriter delegate) {
            this.delegate = delegate;
        }

        @Override
        public void write(BufferData... buffers) {
            noting(() -> delegate.write(buffers));
        }

        @Override
        public void write(BufferData buffer) {
            noting(() -> delegate.write(buffer));
        }

        @Override
        public void writeNow(BufferData... buffers) {
            noting(() -> delegate.writeNow(buffers));
        }

        @Override
        public void writeNow(BufferData buffer) {
            noting(() -> delegate.writeNow(buffer));
        }

        @Override
        public void flush() {
            noting(delegate::flush);
        }

        private void noting(Runnable write) {
            try {
                write.run();
            } catch (RuntimeException e) {
                writeFailed = true;
                throw e;
            }
        }
    }
}
