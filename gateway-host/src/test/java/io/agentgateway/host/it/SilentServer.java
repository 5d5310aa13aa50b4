package io.agentgateway.host.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP server (an upstream, or the service behind an HTTP tool) that reads each call and never answers it, as one
 * that takes longer than the test would not. It lists no models, and with {@code keepAlive} it answers the first chat
 * call, on a connection it keeps open, so a later call can come on that same connection. It reports each unanswered
 * call (with how many requests its connection had served before) and the moment its caller closed that connection.
 * Without {@code keepAlive} it closes each connection after its answer, so every call comes on a fresh connection.
 */
final class SilentServer implements AutoCloseable {

    private static final String COMPLETION = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\","
            + "\"created\":1,\"model\":\"thinker\",\"choices\":[{\"index\":0,\"message\":{\"role\":"
            + "\"assistant\",\"content\":\"done\"},\"finish_reason\":\"stop\"}],"
            + "\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1,\"total_tokens\":2}}";

    /** For each unanswered call, how many requests its connection had served before it. */
    final BlockingQueue<Integer> calls = new ArrayBlockingQueue<>(10);
    /** For each unanswered call, when ({@link System#nanoTime()}) its caller closed or reset the connection. */
    final BlockingQueue<Long> closes = new ArrayBlockingQueue<>(10);
    private final ServerSocket server;
    private final boolean keepAlive;
    private final AtomicInteger chatsAnswered = new AtomicInteger();

    /** Answers no call, each on a connection of its own. */
    SilentServer() throws IOException {
        this(false);
    }

    SilentServer(boolean keepAlive) throws IOException {
        this.keepAlive = keepAlive;
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    Thread.ofVirtual().start(() -> serve(socket));
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    int port() {
        return server.getLocalPort();
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            int served = 0;
            while (true) {
                String head = readHead(in);
                if (head.isEmpty()) {
                    return;
                }
                in.readNBytes(contentLength(head));
                boolean listing = head.startsWith("GET");
                if (!listing && (!keepAlive || chatsAnswered.getAndIncrement() > 0)) {
                    break; // a call never answered
                }
                answer(out, listing ? "{\"object\":\"list\",\"data\":[]}" : COMPLETION);
                served++;
                if (!keepAlive) {
                    return;
                }
            }
            calls.add(served);
            while (in.read() >= 0) {
                // nothing until the caller gives up
            }
            closes.add(System.nanoTime());
        } catch (IOException e) {
            closes.add(System.nanoTime()); // a reset is a close too
        }
    }

    private void answer(OutputStream out, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                + (keepAlive ? "" : "Connection: close\r\n") + "Content-Length: " + body.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return Integer.parseInt(line.substring(15).trim());
            }
        }
        return 0;
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            byte[] bytes = head.toByteArray();
            int n = bytes.length;
            if (n >= 4 && bytes[n - 4] == '\r' && bytes[n - 3] == '\n' && bytes[n - 2] == '\r' && bytes[n - 1] == '\n') {
                break;
            }
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
