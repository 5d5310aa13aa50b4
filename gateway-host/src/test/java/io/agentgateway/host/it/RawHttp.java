package io.agentgateway.host.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A client on a plain socket, for what an HTTP library would not send or would tidy away on reading. */
final class RawHttp implements AutoCloseable {

    /** What came back: every byte until the server closed the connection or the wait ran out. */
    record Answer(String text, boolean closedByServer, Duration took) {
    }

    private final Socket socket;

    RawHttp(int port) throws IOException {
        this.socket = new Socket("127.0.0.1", port);
    }

    RawHttp send(String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
        return this;
    }

    /** Reads until the server closes the connection, or {@code wait} passes with the connection still open. */
    Answer readUntilClosed(Duration wait) throws IOException {
        long start = System.nanoTime();
        socket.setSoTimeout((int) wait.toMillis());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[8192];
        boolean closed;
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
            }
            closed = true;
        } catch (SocketTimeoutException e) {
            closed = false;
        } catch (java.net.SocketException e) {
            closed = true; // reset by the server
        }
        return new Answer(out.toString(StandardCharsets.ISO_8859_1), closed,
                Duration.ofNanos(System.nanoTime() - start));
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
