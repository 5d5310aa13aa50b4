package io.agentgateway.mock;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP/1.1 server on loopback that answers each request with the next scripted answer, byte for byte, so that
 * tests can send what well-behaved servers rarely do: chunked bodies, closed connections, stalls, oversized heads,
 * answers without end. It notices when a client closes a connection it is answering, so tests can wait for that.
 */
public final class ScriptedServer implements AutoCloseable {

    /** Writes one answer; may write without end (until the client goes away). */
    @FunctionalInterface
    public interface Writer {
        void write(OutputStream out) throws IOException, InterruptedException;
    }

    /**
     * One scripted answer.
     *
     * @param writer writes the raw answer
     * @param closeAfter whether to close the connection after it
     * @param stallMillis how long to wait before answering
     * @param hold whether to send nothing more after it, until the client closes the connection
     */
    public record Answer(Writer writer, boolean closeAfter, long stallMillis, boolean hold) {

        public Answer(Writer writer, boolean closeAfter, long stallMillis) {
            this(writer, closeAfter, stallMillis, false);
        }

        /** @return an answer of exactly these bytes (UTF-8), the connection kept open */
        public static Answer of(String raw) {
            return new Answer(out -> out.write(raw.getBytes(StandardCharsets.UTF_8)), false, 0);
        }

        /** @return an answer written by {@code writer}, the connection kept open */
        public static Answer writing(Writer writer) {
            return new Answer(writer, false, 0);
        }

        /** @return these bytes (perhaps none, or half an answer), then silence until the client gives up */
        public static Answer thenSilence(String raw) {
            return new Answer(out -> out.write(raw.getBytes(StandardCharsets.UTF_8)), false, 0, true);
        }
    }

    private final ServerSocket server;
    private final String scheme;
    private final BlockingQueue<Answer> answers = new LinkedBlockingQueue<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final Map<String, String> standing = new ConcurrentHashMap<>();
    private final Semaphore clientDisconnects = new Semaphore(0);

    public ScriptedServer() throws IOException {
        this(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), "http");
    }

    /** @param server a listening socket on loopback; {@code scheme} says whether it speaks TLS */
    public ScriptedServer(ServerSocket server, String scheme) {
        this.server = server;
        this.scheme = scheme;
        Thread.ofVirtual().start(this::acceptLoop);
    }

    public int port() {
        return server.getLocalPort();
    }

    public String baseUrl() {
        return scheme + "://127.0.0.1:" + server.getLocalPort() + "/v1";
    }

    public void answer(Answer... next) {
        answers.addAll(List.of(next));
    }

    /**
     * Answers every request whose request line starts with {@code requestLinePrefix} (e.g. {@code GET /v1/models})
     * with {@code raw}, leaving the scripted answers for the others.
     */
    public void alwaysAnswer(String requestLinePrefix, String raw) {
        standing.put(requestLinePrefix, raw);
    }

    /** @return requests as received: head and body */
    public List<String> requests() {
        return requests;
    }

    /** @return connections accepted so far */
    public int connections() {
        return connections.get();
    }

    /** @return whether a client closed a connection (while it was being answered, or between requests) in time */
    public boolean awaitClientDisconnect(Duration timeout) throws InterruptedException {
        return clientDisconnects.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                connections.incrementAndGet();
                Thread.ofVirtual().start(() -> serve(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            String request;
            while ((request = readRequest(in)) != null) {
                String standingAnswer = standingAnswer(request);
                if (standingAnswer != null) {
                    out.write(standingAnswer.getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    continue;
                }
                requests.add(request);
                Answer answer = answers.take();
                Thread.sleep(answer.stallMillis());
                answer.writer().write(out);
                out.flush();
                if (answer.hold()) {
                    while (in.read() >= 0) {
                        // whatever the client sends now is not answered
                    }
                    clientDisconnects.release();
                    return;
                }
                if (answer.closeAfter()) {
                    return;
                }
            }
            clientDisconnects.release();
        } catch (IOException e) {
            clientDisconnects.release(); // the client went away mid-answer
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String standingAnswer(String request) {
        for (Map.Entry<String, String> entry : standing.entrySet()) {
            if (request.startsWith(entry.getKey())) {
                return entry.getValue();
            }
        }
        return null;
    }

    private static String readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            String text = head.toString(StandardCharsets.UTF_8);
            if (text.endsWith("\r\n\r\n")) {
                int length = contentLength(text);
                return text + new String(in.readNBytes(length), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return Integer.parseInt(line.substring(15).trim());
            }
        }
        return 0;
    }
}
