package io.agentgateway.plugins.openai;

import com.openai.core.http.Headers;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One HTTP/1.1 connection to an upstream: a blocking socket, read through a small buffer. It is used by one call at a
 * time, on that call's virtual thread; a blocked read parks the virtual thread, and interrupting that thread closes the
 * socket, which is how a call is cancelled.
 *
 * <p>Each read waits at most the per-read limit, and never past the call's deadline when it has one.
 */
final class UpstreamConnection implements AutoCloseable {

    /** Status line plus headers; model servers send a few hundred bytes. */
    static final int MAX_HEAD_BYTES = 64 * 1024;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    /** Small on purpose: a gateway holds thousands of streams, each one chunk of a few hundred bytes at a time. */
    private final byte[] buffer = new byte[4096];
    private int position;
    private int limit;
    private int readLimitMillis;
    private long deadlineNanos;
    private long idleSinceNanos;
    private boolean answerStarted;

    private UpstreamConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /**
     * Connects, and for https completes the TLS handshake with host name verification, within {@code timeout}.
     *
     * @param tls makes TLS sockets; null for the JVM's default
     */
    static UpstreamConnection open(Origin origin, Duration timeout, SSLSocketFactory tls) throws IOException {
        int millis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(origin.host(), origin.port()), millis);
            if (origin.tls()) {
                SSLSocketFactory factory = tls != null ? tls : (SSLSocketFactory) SSLSocketFactory.getDefault();
                SSLSocket secure = (SSLSocket) factory.createSocket(socket, origin.host(), origin.port(), true);
                SSLParameters parameters = secure.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                secure.setSSLParameters(parameters);
                secure.setSoTimeout(millis);
                secure.startHandshake();
                socket = secure;
            }
            return new UpstreamConnection(socket);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * Sets the limits for the reads of the next call.
     *
     * @param eachRead how long one read may wait for data
     * @param deadlineNanos {@link System#nanoTime()} by which the whole call must be done, or 0 for none
     */
    void limits(Duration eachRead, long deadlineNanos) {
        this.readLimitMillis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, eachRead.toMillis()));
        this.deadlineNanos = deadlineNanos;
    }

    void send(byte[] request) throws IOException {
        answerStarted = false;
        out.write(request);
        out.flush();
    }

    /** Reads status line and headers, skipping interim (1xx) answers. */
    ResponseHead readHead() throws IOException {
        while (true) {
            ResponseHead head = readOneHead();
            if (head.status() >= 200 || head.status() == 101) {
                return head;
            }
        }
    }

    private ResponseHead readOneHead() throws IOException {
        int budget = MAX_HEAD_BYTES;
        String statusLine = readLine(budget);
        if (statusLine == null) {
            throw new EOFException("the server closed the connection before answering");
        }
        budget -= statusLine.length();
        if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12 || statusLine.charAt(8) != ' ') {
            throw new ProtocolException("not an HTTP/1.x status line");
        }
        int status = parseStatus(statusLine);
        boolean keepAlive = statusLine.charAt(7) != '0'; // HTTP/1.0 closes unless it says otherwise
        Headers.Builder headers = Headers.builder();
        long contentLength = -1;
        boolean chunked = false;
        String line;
        while (!(line = requireLine(budget)).isEmpty()) {
            budget -= line.length();
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new ProtocolException("a header line without a name");
            }
            String name = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            headers.put(name, value);
            if (name.equalsIgnoreCase("Content-Length")) {
                contentLength = parseLength(value);
            } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                chunked = value.toLowerCase(Locale.ROOT).endsWith("chunked");
            } else if (name.equalsIgnoreCase("Connection")) {
                String tokens = value.toLowerCase(Locale.ROOT);
                keepAlive = tokens.contains("close") ? false : tokens.contains("keep-alive") || keepAlive;
            }
        }
        return new ResponseHead(status, headers.build(), chunked ? -1 : contentLength, chunked, keepAlive);
    }

    /** Reads bytes of the body into {@code target}; -1 at the end of the connection. */
    int read(byte[] target, int offset, int length) throws IOException {
        if (position == limit && !fill()) {
            return -1;
        }
        int n = Math.min(length, limit - position);
        System.arraycopy(buffer, position, target, offset, n);
        position += n;
        return n;
    }

    /** Reads one line ending in CRLF (or LF) as ISO-8859-1, without its end; null at the end of the connection. */
    String readLine(int maxBytes) throws IOException {
        StringBuilder line = null;
        while (true) {
            if (position == limit && !fill()) {
                if (line == null) {
                    return null;
                }
                throw new EOFException("the connection ended inside a line");
            }
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            int end = position;
            boolean complete = position < limit;
            if (complete) {
                position++; // the \n
            }
            String part = new String(buffer, start, end - start, StandardCharsets.ISO_8859_1);
            line = line == null ? new StringBuilder(part) : line.append(part);
            if (line.length() > maxBytes) {
                throw new ProtocolException("the server sent a line longer than " + maxBytes
                        + " bytes where a head or chunk line belongs");
            }
            if (complete) {
                int length = line.length();
                return length > 0 && line.charAt(length - 1) == '\r' ? line.substring(0, length - 1) : line.toString();
            }
        }
    }

    String requireLine(int maxBytes) throws IOException {
        String line = readLine(maxBytes);
        if (line == null) {
            throw new EOFException("the connection ended inside the answer's head");
        }
        return line;
    }

    /** Whether any byte came back since the last request was sent. */
    boolean answerStarted() {
        return answerStarted;
    }

    /** Marks the connection idle (back in the pool) from now. */
    void idle() {
        idleSinceNanos = System.nanoTime();
        deadlineNanos = 0;
    }

    long idleNanos() {
        return System.nanoTime() - idleSinceNanos;
    }

    /**
     * Whether a connection that sat idle is still open: a server that closed it has sent an end of stream, which a
     * read with a tiny limit sees at once; an open, quiet connection just times out. Bytes nobody asked for mean the
     * connection is out of step, and count as closed too.
     */
    boolean stillOpen() {
        try {
            socket.setSoTimeout(1);
            in.read();
            return false;
        } catch (SocketTimeoutException quiet) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing left to release
        }
    }

    private boolean fill() throws IOException {
        int wait = readLimitMillis;
        if (deadlineNanos != 0) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                throw new SocketTimeoutException("timeout");
            }
            wait = (int) Math.min(wait, Math.max(1, left / 1_000_000));
        }
        socket.setSoTimeout(wait);
        int n = in.read(buffer, 0, buffer.length);
        if (n <= 0) {
            return false;
        }
        position = 0;
        limit = n;
        answerStarted = true;
        return true;
    }

    private static int parseStatus(String statusLine) throws ProtocolException {
        try {
            return Integer.parseInt(statusLine.substring(9, 12));
        } catch (NumberFormatException e) {
            throw new ProtocolException("the status line has no status code");
        }
    }

    private static long parseLength(String value) throws ProtocolException {
        try {
            long length = Long.parseLong(value);
            if (length >= 0) {
                return length;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ProtocolException("Content-Length is not a length: " + value);
    }
}
