package io.agentgateway.host.edge;

import io.agentgateway.host.cancel.ClientWatch;
import io.agentgateway.host.observe.EventLog;
import io.helidon.common.buffers.DataReader;
import io.helidon.common.socket.HelidonSocket;
import io.helidon.webserver.CloseConnectionException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The reader Helidon's HTTP/1.1 connection parses requests from, in front of the socket's own: every read from the
 * socket waits at most what {@link ConnectionState} allows, and chunk size lines are checked and stripped of
 * extensions before Helidon parses them. In Helidon 4.5 {@link DataReader#readLine()} serves chunk size lines and
 * the line after the last chunk only (request lines and headers are read otherwise), which is what makes this the
 * place for it.
 */
final class DeadlineReader extends DataReader {

    /**
     * How long a handler waits before its client is watched. A watch costs a virtual thread, a socket read handed
     * to it and the next request's bytes handed back; a call answered sooner than this (most calls to a fast
     * upstream) has no use for one, and a client that leaves a longer call is still noticed well within a second.
     */
    static final Duration WATCH_AFTER = Duration.ofMillis(100);

    private final ChunkFraming framing = new ChunkFraming();
    private final ConnectionState state;
    private final SocketReads reads;

    private DeadlineReader(SocketReads reads, ConnectionState state) {
        super(reads);
        this.state = state;
        this.reads = reads;
    }

    /**
     * Watches for the client closing the connection while a handler runs: if the watch has not ended within
     * {@link #WATCH_AFTER}, one read of the socket is started on a thread of its own. When it ends without bytes (the
     * client closed or reset), {@code clientGone} runs, unless the watch has ended. Bytes that arrive instead (a
     * pipelined request) are kept for the connection's next read, and that read also takes over a read still pending
     * when the handler ends: the socket never has two readers. Call it on the connection's thread, once the request's
     * body has been read.
     */
    ClientWatch.Watch watchForClose(Runnable clientGone) {
        return reads.watch(clientGone);
    }

    /**
     * @param socketReader the connection's own reader, holding any bytes read to identify the protocol
     * @param socket closed when a deadline passes
     * @param state what the next read may wait
     * @param client the client's address, for the log
     */
    static DeadlineReader over(DataReader socketReader, HelidonSocket socket, ConnectionState state, String client) {
        SocketReads reads = new SocketReads(socketReader, socket, state, client);
        DeadlineReader reader = new DeadlineReader(reads, state);
        reads.parsing = reader;
        return reader;
    }

    /** Reads from the socket, each read bounded by the connection's current deadline. */
    private static final class SocketReads implements Supplier<byte[]> {
        private final DataReader socketReader;
        private final HelidonSocket socket;
        private final ConnectionState state;
        private final String client;
        private DataReader parsing;
        /** The last watch, started or not, until the next read takes it over. The connection's thread only. */
        private Watch lastWatch;

        ClientWatch.Watch watch(Runnable clientGone) {
            if (lastWatch != null || parsing.available() > 0) {
                return () -> { }; // a read is already pending, or the client already sent more: nothing to watch
            }
            Watch watch = new Watch(clientGone);
            lastWatch = watch;
            watch.timer = ReadDeadlines.arm(WATCH_AFTER, watch::start);
            return watch::end;
        }

        /** Waits for bytes: those of a read a watch started, or of a read of its own. */
        private void awaitBytes() {
            Watch watch = lastWatch;
            lastWatch = null;
            if (watch == null || !watch.started()) {
                socketReader.ensureAvailable();
                return;
            }
            RuntimeException failure;
            try {
                failure = watch.read.get();
            } catch (InterruptedException e) {
                // Stopping the server interrupts connections that wait for a request: as a socket read would, the
                // wait ends and the connection closes (which also ends the watch's read).
                Thread.currentThread().interrupt();
                socket.close();
                throw new java.io.UncheckedIOException(new java.io.InterruptedIOException("interrupted"));
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException(e.getCause()); // the watch's read reports failures as its value
            }
            if (failure != null) {
                throw failure;
            }
        }

        SocketReads(DataReader socketReader, HelidonSocket socket, ConnectionState state, String client) {
            this.socketReader = socketReader;
            this.socket = socket;
            this.state = state;
            this.client = client;
        }

        @Override
        public byte[] get() {
            if (state.closing()) {
                return null; // as if the client had closed: Helidon ends the connection
            }
            ConnectionState.Wait wait = state.nextRead(parsing.available(), System.nanoTime());
            if (!wait.limit().isPositive()) {
                cut(wait);
                return null;
            }
            ScheduledFuture<?> deadline = ReadDeadlines.arm(wait.limit(), () -> cut(wait));
            try {
                awaitBytes();
            } catch (RuntimeException e) {
                if (wait.phase() == ConnectionState.Phase.IDLE && !deadline.isDone()) {
                    throw e; // the client closed between requests, as clients do
                }
                // Cut, or gone mid-request: nothing can be answered, and it is no error of the gateway's.
                throw new CloseConnectionException(deadline.isDone()
                        ? "The client was too slow" : "The client closed the connection mid-request", e);
            } finally {
                deadline.cancel(false);
            }
            state.received(wait.phase(), System.nanoTime());
            return socketReader.readBytes(socketReader.available());
        }

        /**
         * One watch of the client: waiting to start, reading, or ended before it started (then it never reads). The
         * timer starts it; the connection's thread ends it, and takes over its read if it started.
         */
        private final class Watch {
            private static final int WAITING = 0;
            private static final int READING = 1;
            private static final int ENDED = 2;

            /** The outcome of the watch's read: null when bytes arrived, else why there were none. */
            final CompletableFuture<RuntimeException> read = new CompletableFuture<>();
            private final AtomicInteger phase = new AtomicInteger(WAITING);
            private volatile Runnable onClientGone;
            private ScheduledFuture<?> timer;

            Watch(Runnable clientGone) {
                this.onClientGone = clientGone;
            }

            /** On the timer's thread: the handler still waits, so the socket is read on a thread of its own. */
            void start() {
                if (!phase.compareAndSet(WAITING, READING)) {
                    return;
                }
                Thread.ofVirtual().name("client-watch-" + client).start(() -> {
                    RuntimeException failure = null;
                    try {
                        socketReader.ensureAvailable();
                    } catch (RuntimeException e) {
                        failure = e;
                    }
                    read.complete(failure);
                    Runnable gone = onClientGone;
                    if (failure != null && gone != null) {
                        gone.run();
                    }
                });
            }

            /** The handler no longer waits: a watch not started never starts; one started keeps its read. */
            void end() {
                onClientGone = null;
                if (phase.compareAndSet(WAITING, ENDED)) {
                    timer.cancel(false);
                }
            }

            /** @return whether a read was started, whose bytes the connection's next read takes */
            boolean started() {
                end();
                return phase.get() == READING;
            }
        }

        private void cut(ConnectionState.Wait wait) {
            // Idle keep-alive connections closing is routine; a slow head or a stalled body is worth a line.
            System.Logger.Level level = wait.phase() == ConnectionState.Phase.IDLE
                    ? System.Logger.Level.DEBUG : System.Logger.Level.INFO;
            EventLog.log(level, "http.client_timeout",
                    "phase", wait.phase().name().toLowerCase(java.util.Locale.ROOT), "client", client);
            socket.close();
        }
    }

    @Override
    public String readLine() {
        int length = findNewLine(ChunkLines.MAX_LINE);
        if (length >= ChunkLines.MAX_LINE) {
            state.closeAfterResponse();
            throw ChunkLines.bad("a chunk size line is longer than " + ChunkLines.MAX_LINE + " bytes");
        }
        String line = readAsciiString(length);
        skip(2);
        try {
            return framing.next(line, this);
        } catch (RuntimeException e) {
            // The body's framing is lost, so nothing after it on this connection can be trusted as a request.
            state.closeAfterResponse();
            throw e;
        }
    }

    /** Whether the next line read is a chunk size or the end of the body (after the last chunk, trailers). */
    private static final class ChunkFraming {
        private boolean lastChunkSeen;

        String next(String line, DeadlineReader reader) {
            if (!lastChunkSeen) {
                String size = ChunkLines.size(line);
                lastChunkSeen = size.equals("0");
                return size;
            }
            lastChunkSeen = false;
            // Trailer fields may follow the last chunk; the gateway uses none, so they are read and dropped.
            int trailerBytes = 0;
            while (!line.isEmpty()) {
                trailerBytes += line.length() + 2;
                if (trailerBytes > ChunkLines.MAX_LINE) {
                    throw ChunkLines.bad("the trailer fields are longer than " + ChunkLines.MAX_LINE + " bytes");
                }
                int length = reader.findNewLine(ChunkLines.MAX_LINE);
                if (length >= ChunkLines.MAX_LINE) {
                    throw ChunkLines.bad("a trailer field is longer than " + ChunkLines.MAX_LINE + " bytes");
                }
                line = reader.readAsciiString(length);
                reader.skip(2);
            }
            return "";
        }
    }
}
