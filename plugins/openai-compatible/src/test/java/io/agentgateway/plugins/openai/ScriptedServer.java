package io.agentgateway.plugins.openai;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP/1.1 server on loopback that answers each request with the next scripted raw answer, byte for byte, so that
 * tests can send what well-behaved servers rarely do: chunked bodies, closed connections, stalls, oversized heads.
 */
final class ScriptedServer implements AutoCloseable {

    /** One scripted answer: the raw bytes, then whether to close the connection, then how long to stall first. */
    record Answer(String raw, boolean closeAfter, long stallMillis) {
        static Answer of(String raw) {
            return new Answer(raw, false, 0);
        }
    }

    private final ServerSocket server;
    private final BlockingQueue<Answer> answers = new LinkedBlockingQueue<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();

    private final String scheme;

    ScriptedServer() throws IOException {
        this(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), "http");
    }

    /** @param server a listening socket on loopback; {@code scheme} says whether it speaks TLS */
    ScriptedServer(ServerSocket server, String scheme) {
        this.server = server;
        this.scheme = scheme;
        Thread.ofVirtual().start(this::acceptLoop);
    }

    String baseUrl() {
        return scheme + "://127.0.0.1:" + server.getLocalPort() + "/v1";
    }

    void answer(Answer... next) {
        answers.addAll(List.of(next));
    }

    /** Requests as received: head and body. */
    List<String> requests() {
        return requests;
    }

    int connections() {
        return connections.get();
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
                requests.add(request);
                Answer answer = answers.take();
                Thread.sleep(answer.stallMillis());
                out.write(answer.raw().getBytes(StandardCharsets.UTF_8));
                out.flush();
                if (answer.closeAfter()) {
                    return;
                }
            }
        } catch (IOException | InterruptedException e) {
            // the client went away
        }
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
