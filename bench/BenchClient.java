import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Load client for the benchmark, JDK only, run as {@code java BenchClient.java <mode> ...}.
 *
 * <p>It speaks HTTP/1.1 over plain sockets so that the client itself adds as little as possible and so that the
 * arrival time of every streamed byte is known (an HTTP library would buffer). Modes:
 * <ul>
 *   <li>{@code rate}: open-loop fixed request rate; latency counts from the scheduled send time, so a stalled
 *       server cannot hide its queueing delay (no coordinated omission);</li>
 *   <li>{@code stream}: sequential streaming requests; time to first SSE event and the gaps between events;</li>
 *   <li>{@code hold}: opens many streaming requests at once and reports how many were all open together; those the
 *       gateway refuses at its in-flight limit (503 {@code gateway_overloaded}) are counted apart from errors.</li>
 * </ul>
 * Every mode prints one line of {@code key=value} pairs that bench/run reads.
 */
public final class BenchClient {

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: java BenchClient.java rate|stream|hold --url URL --body FILE [-H 'k: v'] ...");
            System.exit(2);
        }
        Options o = Options.parse(Arrays.copyOfRange(args, 1, args.length));
        Map<String, Object> result = switch (args[0]) {
            case "rate" -> Rate.run(o);
            case "stream" -> Streams.run(o);
            case "hold" -> Hold.run(o);
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        };
        StringBuilder line = new StringBuilder();
        result.forEach((k, v) -> line.append(k).append('=').append(v).append(' '));
        System.out.println(line.toString().trim());
        System.exit(0);
    }

    /** Command line options shared by all modes. */
    record Options(URI url, byte[] body, List<String> headers, Map<String, String> values) {
        static Options parse(String[] args) throws IOException {
            URI url = null;
            byte[] body = new byte[0];
            List<String> headers = new ArrayList<>();
            Map<String, String> values = new LinkedHashMap<>();
            for (int i = 0; i < args.length; i += 2) {
                String key = args[i];
                String value = args[i + 1];
                switch (key) {
                    case "--url" -> url = URI.create(value);
                    case "--body" -> body = Files.readAllBytes(Path.of(value));
                    case "-H" -> headers.add(value);
                    default -> values.put(key.replaceFirst("^--", ""), value);
                }
            }
            return new Options(url, body, headers, values);
        }

        int integer(String name, int fallback) {
            return values.containsKey(name) ? Integer.parseInt(values.get(name)) : fallback;
        }

        byte[] request() {
            StringBuilder head = new StringBuilder()
                    .append("POST ").append(url.getRawPath()).append(" HTTP/1.1\r\n")
                    .append("Host: ").append(url.getHost()).append(':').append(url.getPort()).append("\r\n")
                    .append("Content-Type: application/json\r\n")
                    .append("Content-Length: ").append(body.length).append("\r\n");
            headers.forEach(h -> head.append(h).append("\r\n"));
            head.append("\r\n");
            byte[] h = head.toString().getBytes(StandardCharsets.ISO_8859_1);
            byte[] all = Arrays.copyOf(h, h.length + body.length);
            System.arraycopy(body, 0, all, h.length, body.length);
            return all;
        }
    }

    /** One keep-alive connection with a reader that knows when each read returned. */
    static final class Conn implements AutoCloseable {
        final Socket socket;
        final InputStream in;
        final OutputStream out;
        final byte[] buf = new byte[16384];
        int pos;
        int lim;
        long lastReadNanos;
        boolean reusable = true;

        Conn(URI url) throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(url.getHost(), url.getPort()), 10_000);
            in = socket.getInputStream();
            out = socket.getOutputStream();
        }

        void send(byte[] request) throws IOException {
            out.write(request);
            out.flush();
        }

        private void fill() throws IOException {
            int n = in.read(buf, 0, buf.length);
            if (n < 0) {
                throw new IOException("connection closed by server");
            }
            lastReadNanos = System.nanoTime();
            pos = 0;
            lim = n;
        }

        int readByte() throws IOException {
            if (pos == lim) {
                fill();
            }
            return buf[pos++] & 0xff;
        }

        String readLine() throws IOException {
            StringBuilder sb = new StringBuilder();
            for (int c = readByte(); c != '\n'; c = readByte()) {
                if (c != '\r') {
                    sb.append((char) c);
                }
            }
            return sb.toString();
        }

        /** Reads status and headers; returns the status, leaves the body framing in {@link #framing}. */
        int readHead() throws IOException {
            String status = readLine();
            if (!status.startsWith("HTTP/1.")) {
                throw new IOException("bad status line: " + status);
            }
            framing = -2;
            for (String line = readLine(); !line.isEmpty(); line = readLine()) {
                String lower = line.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    framing = Long.parseLong(lower.substring(15).trim());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    framing = -1;
                } else if (lower.startsWith("connection:") && lower.contains("close")) {
                    reusable = false;
                }
            }
            if (framing == -2) {
                reusable = false;
            }
            return Integer.parseInt(status.substring(9, 12));
        }

        long framing;

        /** Reads the whole body, calling the sink for every byte with the time its read returned. */
        void readBody(ByteSink sink) throws IOException {
            if (framing >= 0) {
                for (long i = 0; i < framing; i++) {
                    sink.accept(readByte(), lastReadNanos);
                }
            } else if (framing == -1) {
                while (true) {
                    String size = readLine();
                    int semi = size.indexOf(';');
                    long n = Long.parseLong((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
                    if (n == 0) {
                        for (String t = readLine(); !t.isEmpty(); t = readLine()) {
                            // trailers are ignored
                        }
                        return;
                    }
                    for (long i = 0; i < n; i++) {
                        sink.accept(readByte(), lastReadNanos);
                    }
                    readLine();
                }
            } else {
                try {
                    while (true) {
                        sink.accept(readByte(), lastReadNanos);
                    }
                } catch (IOException endOfStream) {
                    // body delimited by close
                }
            }
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    interface ByteSink {
        void accept(int b, long arrivedNanos);
    }

    /** Splits a body into SSE events and records when each event's terminating blank line arrived. */
    static class SseEvents implements ByteSink {
        final List<Long> eventNanos = new ArrayList<>();
        final StringBuilder current = new StringBuilder();
        boolean done;
        int previous = -1;

        @Override
        public void accept(int b, long arrivedNanos) {
            if (b == '\r') {
                return;
            }
            if (b == '\n' && previous == '\n') {
                String event = current.toString();
                if (event.contains("[DONE]")) {
                    done = true;
                } else if (event.contains("data:")) {
                    eventNanos.add(arrivedNanos);
                }
                current.setLength(0);
            } else if (b != '\n' || previous != '\n') {
                current.append((char) b);
            }
            previous = b;
        }
    }

    static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / 1e6);
    }

    static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    /** Open-loop fixed-rate load. */
    static final class Rate {
        static Map<String, Object> run(Options o) throws Exception {
            int rps = o.integer("rps", 300);
            int warmup = o.integer("warmup-seconds", 5);
            int seconds = o.integer("seconds", 20);
            phase(o, rps, warmup);
            return phase(o, rps, seconds);
        }

        static Map<String, Object> phase(Options o, int rps, int seconds) throws Exception {
            byte[] request = o.request();
            int total = rps * seconds;
            long[] latencies = new long[total];
            AtomicInteger errors = new AtomicInteger();
            ConcurrentLinkedQueue<Conn> idle = new ConcurrentLinkedQueue<>();
            CountDownLatch finished = new CountDownLatch(total);
            long period = 1_000_000_000L / rps;
            long start = System.nanoTime() + 50_000_000L;
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < total; i++) {
                    long intended = start + i * period;
                    long wait = intended - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    int slot = i;
                    pool.execute(() -> {
                        latencies[slot] = once(o, request, idle, intended, errors);
                        finished.countDown();
                    });
                }
                if (!finished.await(seconds + 30L, TimeUnit.SECONDS)) {
                    errors.addAndGet((int) finished.getCount());
                }
                pool.shutdownNow();
            }
            idle.forEach(Conn::close);
            long[] sorted = Arrays.stream(latencies).filter(l -> l > 0).sorted().toArray();
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("requests", total);
            out.put("errors", errors.get());
            out.put("p50_ms", millis(percentile(sorted, 50)));
            out.put("p90_ms", millis(percentile(sorted, 90)));
            out.put("p99_ms", millis(percentile(sorted, 99)));
            out.put("max_ms", millis(sorted.length == 0 ? 0 : sorted[sorted.length - 1]));
            return out;
        }

        static long once(Options o, byte[] request, ConcurrentLinkedQueue<Conn> idle, long intended,
                         AtomicInteger errors) {
            Conn conn = idle.poll();
            try {
                if (conn == null) {
                    conn = new Conn(o.url());
                }
                conn.send(request);
                int status = conn.readHead();
                conn.readBody((b, t) -> { });
                long latency = System.nanoTime() - intended;
                if (status != 200) {
                    errors.incrementAndGet();
                }
                if (conn.reusable) {
                    idle.add(conn);
                } else {
                    conn.close();
                }
                return latency;
            } catch (IOException e) {
                errors.incrementAndGet();
                if (conn != null) {
                    conn.close();
                }
                return 0;
            }
        }
    }

    /** Sequential streaming requests: time to first event and the gaps between events. */
    static final class Streams {
        static Map<String, Object> run(Options o) throws Exception {
            int count = o.integer("count", 50);
            int warmup = o.integer("warmup", 20);
            int expectedGapMs = o.integer("gap-ms", 20);
            int toleranceMs = o.integer("tolerance-ms", 2);
            byte[] request = o.request();
            List<Long> firsts = new ArrayList<>();
            List<Long> gaps = new ArrayList<>();
            int errors = 0;
            for (int i = 0; i < warmup + count; i++) {
                try (Conn conn = new Conn(o.url())) {
                    long sent = System.nanoTime();
                    conn.send(request);
                    int status = conn.readHead();
                    SseEvents events = new SseEvents();
                    conn.readBody(events);
                    if (status != 200 || !events.done || events.eventNanos.isEmpty()) {
                        errors++;
                        continue;
                    }
                    if (i < warmup) {
                        continue;
                    }
                    firsts.add(events.eventNanos.getFirst() - sent);
                    for (int e = 1; e < events.eventNanos.size(); e++) {
                        gaps.add(events.eventNanos.get(e) - events.eventNanos.get(e - 1));
                    }
                } catch (IOException e) {
                    errors++;
                }
            }
            long[] f = firsts.stream().mapToLong(Long::longValue).sorted().toArray();
            long[] g = gaps.stream().mapToLong(Long::longValue).sorted().toArray();
            long low = (expectedGapMs - toleranceMs) * 1_000_000L;
            long high = (expectedGapMs + toleranceMs) * 1_000_000L;
            long outside = Arrays.stream(g).filter(x -> x < low || x > high).count();
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("streams", count);
            out.put("errors", errors);
            out.put("ttfb_p50_ms", millis(percentile(f, 50)));
            out.put("ttfb_p99_ms", millis(percentile(f, 99)));
            out.put("gaps", g.length);
            out.put("gap_min_ms", millis(g.length == 0 ? 0 : g[0]));
            out.put("gap_p50_ms", millis(percentile(g, 50)));
            out.put("gap_p99_ms", millis(percentile(g, 99)));
            out.put("gap_max_ms", millis(g.length == 0 ? 0 : g[g.length - 1]));
            out.put("gaps_outside", outside);
            // Two events read within 2 ms of each other were held back and sent together: buffering.
            out.put("gaps_batched", Arrays.stream(g).filter(x -> x < 2_000_000L).count());
            return out;
        }
    }

    /** Many streams open at the same time. */
    static final class Hold {
        static Map<String, Object> run(Options o) throws Exception {
            int streams = o.integer("streams", 10_000);
            int rampMs = o.integer("ramp-ms", 10_000);
            int timeoutS = o.integer("timeout-seconds", 120);
            String atPeak = o.values().get("at-peak");
            byte[] request = o.request();
            AtomicInteger open = new AtomicInteger();
            AtomicInteger mostOpen = new AtomicInteger();
            AtomicInteger completed = new AtomicInteger();
            AtomicInteger errors = new AtomicInteger();
            AtomicInteger refused = new AtomicInteger();
            ConcurrentLinkedQueue<String> reasons = new ConcurrentLinkedQueue<>();
            CountDownLatch allOpenOrFailed = new CountDownLatch(streams);
            CountDownLatch finished = new CountDownLatch(streams);
            long start = System.nanoTime();
            int maxOpen = 0;
            String peak = "";
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < streams; i++) {
                    long due = start + (long) i * rampMs * 1_000_000L / streams;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    pool.execute(() -> {
                        boolean counted = false;
                        try (Conn conn = new Conn(o.url())) {
                            conn.socket.setSoTimeout(timeoutS * 1000);
                            conn.send(request);
                            int status = conn.readHead();
                            if (status == 503 && overloaded(conn)) {
                                // Admission control at work (GATEWAY_MAX_IN_FLIGHT): the gateway keeps the streams it
                                // holds healthy by refusing more. Not an error, and not a stream held.
                                refused.incrementAndGet();
                                allOpenOrFailed.countDown();
                                return;
                            }
                            if (status != 200) {
                                throw new IOException("status " + status);
                            }
                            SseEvents events = new SseEvents() {
                                boolean first = true;

                                @Override
                                public void accept(int b, long arrivedNanos) {
                                    super.accept(b, arrivedNanos);
                                    if (first && !eventNanos.isEmpty()) {
                                        first = false;
                                        mostOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
                                        allOpenOrFailed.countDown();
                                    }
                                }
                            };
                            counted = true;
                            conn.readBody(events);
                            if (!events.done) {
                                throw new IOException("stream ended without [DONE]");
                            }
                            completed.incrementAndGet();
                            open.decrementAndGet();
                        } catch (Exception e) {
                            errors.incrementAndGet();
                            if (reasons.size() < 5) {
                                reasons.add(e.getClass().getSimpleName() + ":" + e.getMessage());
                            }
                            if (!counted) {
                                allOpenOrFailed.countDown();
                            }
                        } finally {
                            finished.countDown();
                        }
                    });
                }
                allOpenOrFailed.await(timeoutS, TimeUnit.SECONDS);
                maxOpen = open.get();
                if (atPeak != null) {
                    peak = runAtPeak(atPeak);
                }
                if (!finished.await(timeoutS, TimeUnit.SECONDS)) {
                    errors.addAndGet((int) finished.getCount());
                }
                pool.shutdownNow();
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("streams", streams);
            out.put("open_at_probe", maxOpen);
            out.put("most_open", mostOpen.get());
            out.put("completed", completed.get());
            out.put("refused", refused.get());
            out.put("errors", errors.get());
            out.put("peak", peak.isEmpty() ? "-" : peak);
            if (!reasons.isEmpty()) {
                out.put("first_errors", String.join("|", reasons).replace(' ', '_'));
            }
            return out;
        }

        /** Whether the answer's body is the gateway's refusal at its in-flight limit. */
        static boolean overloaded(Conn conn) throws IOException {
            StringBuilder body = new StringBuilder();
            conn.readBody((b, arrivedNanos) -> body.append((char) b));
            return body.indexOf("gateway_overloaded") >= 0;
        }

        /** Runs a probe command (heap and RSS of the gateway) while every stream is open. */
        static String runAtPeak(String command) throws Exception {
            Process p = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            p.waitFor(30, TimeUnit.SECONDS);
            return text.replaceAll("\\s+", "_");
        }
    }
}
