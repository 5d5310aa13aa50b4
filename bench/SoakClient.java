import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The soak run's load and its minute-by-minute table, JDK only, run as {@code java SoakClient.java ...} by bench/soak.
 *
 * <p>Mixed load at a fixed rate, open loop (a request's latency counts from its scheduled time, so a stall cannot hide
 * behind a slower sender): in turn a non-streaming chat completion, a streamed one, and an agent run that calls a tool
 * once and then answers. At the end of every sample window the gateway is probed by {@code bench/probe.sh} (RSS,
 * then a full GC and the heap that survives it) and one row is printed and appended to the output file: requests,
 * errors, P50/P99 of each kind, RSS, heap after GC (the old generation after a full GC, {@code old_live_mb}). The
 * verdict at the end: RSS and heap after GC within {@code --flat-percent} of their value at the end of the warm-up for
 * every later sample, and no errors; the least-squares trend of each is printed next to it.
 *
 * <p>Options: {@code --url} (the gateway's base URL), {@code --key}, {@code --rate} (req/s), {@code --minutes},
 * {@code --sample-seconds} (60), {@code --warmup-minutes} (5), {@code --flat-percent} (10), {@code --probe} (the
 * command that prints {@code rss_mb=.. heap_used_mb=.. heap_live_mb=..}), {@code --out} (markdown file),
 * {@code --plain-model}, {@code --stream-model}, {@code --agent-model}.
 */
public final class SoakClient {

    enum Kind { PLAIN, STREAM, AGENT }

    /** One finished request: its kind, latency from the scheduled time, and whether it failed (with why). */
    record Outcome(Kind kind, long nanos, String error) {
    }

    /** One sample window's row. */
    record Row(int window, double endMinute, int requests, int errors, Map<Kind, long[]> p5099, long rssMb,
               long heapLiveMb) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        String base = o.getOrDefault("url", "http://127.0.0.1:8080");
        int rate = Integer.parseInt(o.getOrDefault("rate", "20"));
        double minutes = Double.parseDouble(o.getOrDefault("minutes", "30"));
        int sampleSeconds = Integer.parseInt(o.getOrDefault("sample-seconds", "60"));
        double warmupMinutes = Double.parseDouble(o.getOrDefault("warmup-minutes", "5"));
        double flatPercent = Double.parseDouble(o.getOrDefault("flat-percent", "10"));
        Path out = Path.of(o.getOrDefault("out", "soak.md"));
        String probe = o.get("probe");
        Map<Kind, HttpRequest> requests = Map.of(
                Kind.PLAIN, post(base, o.get("key"), body(o.getOrDefault("plain-model", "fast/m"), false)),
                Kind.STREAM, post(base, o.get("key"), body(o.getOrDefault("stream-model", "stream/m"), true)),
                Kind.AGENT, post(base, o.get("key"), body(o.getOrDefault("agent-model", "soak/counter"), false)));

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        ConcurrentLinkedQueue<Outcome> window = new ConcurrentLinkedQueue<>();
        List<Row> rows = java.util.Collections.synchronizedList(new ArrayList<>());
        List<String> firstErrors = java.util.Collections.synchronizedList(new ArrayList<>());
        String header = "| minute | requests | errors | P50 / P99 plain (ms) | P50 / P99 stream (ms) "
                + "| P50 / P99 agent (ms) | RSS (MB) | heap after GC (MB) |\n|---|---|---|---|---|---|---|---|\n";
        Files.writeString(out, header);
        System.out.print(header);

        long period = 1_000_000_000L / rate;
        long total = (long) (minutes * 60 * rate);
        long start = System.nanoTime() + 100_000_000L;
        long windowNanos = sampleSeconds * 1_000_000_000L;
        long windows = Math.max(1, (total * period + windowNanos - 1) / windowNanos);
        // Sampling runs beside the sender: a probe takes a second or more (a full GC), and a sender that waited for
        // it would send late and count its own delay as the gateway's.
        Thread sampler = Thread.ofPlatform().name("soak-sampler").start(() -> {
            try {
                for (long w = 1; w < windows; w++) {
                    long due = start + w * windowNanos;
                    for (long wait; (wait = due - System.nanoTime()) > 0; ) {
                        LockSupport.parkNanos(wait);
                    }
                    rows.add(sample((int) w, (due - start) / 6e10, window, probe, out, firstErrors));
                }
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (long i = 0; i < total; i++) {
                long intended = start + i * period;
                for (long wait; (wait = intended - System.nanoTime()) > 0; ) {
                    LockSupport.parkNanos(wait);
                }
                Kind kind = Kind.values()[(int) (i % 3)];
                pool.execute(() -> window.add(once(http, requests.get(kind), kind, intended)));
            }
        } // waits for every request (each has a 30 s timeout)
        sampler.join();
        long end = Math.max(System.nanoTime(), start + windows * windowNanos);
        rows.add(sample((int) windows, (end - start) / 6e10, window, probe, out, firstErrors));
        String verdict = verdict(rows, warmupMinutes, flatPercent, firstErrors);
        Files.writeString(out, "\n" + verdict + "\n", java.nio.file.StandardOpenOption.APPEND);
        System.out.println();
        System.out.println(verdict);
        System.exit(0);
    }

    static String body(String model, boolean stream) {
        return "{\"model\":\"" + model + "\",\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"count the words of this soak request\"}]}";
    }

    static HttpRequest post(String base, String key, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/v1/chat/completions"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        return b.build();
    }

    /** Sends one request and checks what a client would: 200, and for each kind the answer it must carry. */
    static Outcome once(HttpClient http, HttpRequest request, Kind kind, long intended) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            long nanos = System.nanoTime() - intended;
            String body = response.body();
            String error = response.statusCode() != 200 ? "status " + response.statusCode() + ": " + cut(body)
                    : kind == Kind.STREAM && !body.contains("data: [DONE]") ? "stream without [DONE]: " + cut(body)
                    : kind == Kind.AGENT && !body.contains("tool said:") ? "agent answer without the tool result: "
                            + cut(body)
                    : null;
            return new Outcome(kind, nanos, error);
        } catch (IOException e) {
            return new Outcome(kind, System.nanoTime() - intended, e.getClass().getSimpleName() + ": "
                    + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(kind, System.nanoTime() - intended, "interrupted");
        }
    }

    static String cut(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }

    /** Closes a window: its outcomes, then the probe (the probe's full GC falls into the next window's latencies). */
    static Row sample(int n, double endMinute, ConcurrentLinkedQueue<Outcome> window, String probe, Path out,
            List<String> firstErrors) throws IOException, InterruptedException {
        List<Outcome> done = new ArrayList<>();
        for (Outcome x; (x = window.poll()) != null; ) {
            done.add(x);
        }
        int errors = 0;
        for (Outcome x : done) {
            if (x.error() != null) {
                errors++;
                if (firstErrors.size() < 10) {
                    firstErrors.add(String.format(Locale.ROOT, "minute %.1f, %s: %s", endMinute, x.kind(), x.error()));
                }
            }
        }
        Map<Kind, long[]> p = new LinkedHashMap<>();
        for (Kind kind : Kind.values()) {
            long[] sorted = done.stream().filter(x -> x.kind() == kind && x.error() == null)
                    .mapToLong(Outcome::nanos).sorted().toArray();
            p.put(kind, new long[] {percentile(sorted, 50), percentile(sorted, 99)});
        }
        Map<String, Long> probed = probe == null ? Map.of() : probe(probe);
        Row row = new Row(n, endMinute, done.size(), errors, p, probed.getOrDefault("rss_mb", -1L),
                probed.getOrDefault("old_live_mb", probed.getOrDefault("heap_live_mb", -1L)));
        String line = String.format(Locale.ROOT, "| %.1f | %d | %d | %s | %s | %s | %d | %d |%n", endMinute,
                row.requests(), row.errors(), ms(p.get(Kind.PLAIN)), ms(p.get(Kind.STREAM)), ms(p.get(Kind.AGENT)),
                row.rssMb(), row.heapLiveMb());
        Files.writeString(out, line, java.nio.file.StandardOpenOption.APPEND);
        System.out.print(line);
        System.out.flush();
        return row;
    }

    static String ms(long[] p5099) {
        return String.format(Locale.ROOT, "%.1f / %.1f", p5099[0] / 1e6, p5099[1] / 1e6);
    }

    static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    /** Runs the probe command; reads its {@code key=number} pairs. */
    static Map<String, Long> probe(String command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true).start();
        String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(60, TimeUnit.SECONDS);
        Map<String, Long> values = new LinkedHashMap<>();
        for (String pair : text.trim().split("\\s+")) {
            String[] kv = pair.split("=", 2);
            if (kv.length == 2 && kv[1].matches("\\d+")) {
                values.put(kv[0], Long.parseLong(kv[1]));
            }
        }
        return values;
    }

    /** Flat: every sample after the warm-up within the given per cent of the first sample after it; and no errors. */
    static String verdict(List<Row> rows, double warmupMinutes, double flatPercent, List<String> firstErrors) {
        List<Row> after = rows.stream().filter(r -> r.endMinute() >= warmupMinutes - 1e-9).toList();
        int errors = rows.stream().mapToInt(Row::errors).sum();
        int requests = rows.stream().mapToInt(Row::requests).sum();
        StringBuilder v = new StringBuilder();
        boolean ok = errors == 0;
        if (after.size() < 2) {
            v.append("Verdict: not judged (fewer than two samples after the warm-up of ").append(warmupMinutes)
                    .append(" min).\n");
            ok = false;
        } else {
            double rss = drift(after.stream().mapToLong(Row::rssMb).toArray());
            double heap = drift(after.stream().mapToLong(Row::heapLiveMb).toArray());
            ok &= rss <= flatPercent && heap <= flatPercent;
            long[] rssMb = after.stream().mapToLong(Row::rssMb).toArray();
            long[] heapMb = after.stream().mapToLong(Row::heapLiveMb).toArray();
            double[] minutes = after.stream().mapToDouble(Row::endMinute).toArray();
            v.append(String.format(Locale.ROOT, "After minute %.1f: RSS %d-%d MB (largest drift from %d MB: %.1f %%;"
                            + " trend %+.2f MB/min), heap after GC %d-%d MB (largest drift from %d MB: %.1f %%;"
                            + " trend %+.2f MB/min); limit %.0f %%.%n",
                    after.getFirst().endMinute(), Arrays.stream(rssMb).min().orElse(0),
                    Arrays.stream(rssMb).max().orElse(0), rssMb[0], rss, slope(minutes, rssMb),
                    Arrays.stream(heapMb).min().orElse(0), Arrays.stream(heapMb).max().orElse(0), heapMb[0], heap,
                    slope(minutes, heapMb), flatPercent));
        }
        v.append(String.format(Locale.ROOT, "Requests: %d, errors: %d.%n", requests, errors));
        firstErrors.forEach(e -> v.append("- ").append(e).append('\n'));
        v.append("Verdict: ").append(ok ? "flat, no errors (met)" : "**missed**").append('\n');
        return v.toString();
    }

    /** @return the least-squares slope of {@code y} over {@code x}: growth per minute, apart from the noise */
    static double slope(double[] x, long[] y) {
        double mx = Arrays.stream(x).average().orElse(0);
        double my = Arrays.stream(y).average().orElse(0);
        double num = 0;
        double den = 0;
        for (int i = 0; i < x.length; i++) {
            num += (x[i] - mx) * (y[i] - my);
            den += (x[i] - mx) * (x[i] - mx);
        }
        return den == 0 ? 0 : num / den;
    }

    /** @return the largest distance of any value from the first, in per cent of the first */
    static double drift(long[] values) {
        double first = values[0];
        double most = 0;
        for (long x : values) {
            most = Math.max(most, Math.abs(x - first) / first * 100);
        }
        return most;
    }
}
