package io.agentgateway.host.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgateway.host.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two upstream processes behind one group under steady load from concurrent clients, streaming and not, for about
 * 30 s (the issue asks for at least 30 s of load, so this test runs longer than the usual 60 s budget's share): one
 * upstream is killed, restarted hanging, made to answer 500, then 429, then brought back. No client sees an error
 * except streams whose first chunk had come from the killed upstream (each ends with an error event); traffic returns
 * to the recovered upstream within its breaker's cool-down; once a circuit is open, calls stop waiting for timeouts.
 */
class FailoverIT {

    private static final int CLIENTS = 6;
    private static final long KILL = 4_000;
    private static final long HANG = 9_000;
    private static final long FAIL_500 = 14_000;
    private static final long FAIL_429 = 18_000;
    private static final long RECOVER = 22_000;
    private static final long END = 31_000;
    private static final long COOL_DOWN = 2_000;
    /** The targets of the group, as {@code x-gateway-upstream} names them. */
    private static final Set<String> BOTH = Set.of("a/mock-model", "b/mock-model");

    @TempDir
    Path configDir;

    /** One client request: when it ran, who served it, how it ended. */
    record Call(long startMs, long endMs, boolean stream, int status, String servedBy, boolean errorEvent,
            boolean complete) {
    }

    @Test
    void aGroupRidesOutAKilledHangingFailingAndRateLimitedUpstream() throws Exception {
        MockUpstreamProcess a = MockUpstreamProcess.start("--chunk-delay-ms", "60", "--chunks", "8");
        int portA = a.port();
        try (MockUpstreamProcess b = MockUpstreamProcess.start("--chunk-delay-ms", "60", "--chunks", "8");
             RunningGateway gateway = RunningGateway.start(configDir, upstreamsYaml(a, b), Map.of())) {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            warmUp(http, gateway);
            List<Call> calls = new CopyOnWriteArrayList<>();
            long begin = System.currentTimeMillis();
            List<Thread> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                boolean firstStreams = c % 2 == 0;
                clients.add(Thread.ofVirtual().start(() -> {
                    boolean stream = firstStreams;
                    while (System.currentTimeMillis() - begin < END) {
                        calls.add(call(http, gateway, stream, begin));
                        stream = !stream;
                    }
                }));
            }
            sleepUntil(begin, KILL);
            a.kill();
            sleepUntil(begin, HANG);
            a = MockUpstreamProcess.startOn(portA, "--chunk-delay-ms", "60", "--chunks", "8");
            a.mode("hang");
            sleepUntil(begin, FAIL_500);
            a.mode("error-500");
            sleepUntil(begin, FAIL_429);
            a.mode("error-429");
            sleepUntil(begin, RECOVER);
            a.mode(null);
            for (Thread client : clients) {
                client.join();
            }

            List<Call> failed = calls.stream().filter(call -> call.status != 200 || !call.complete).toList();
            List<Call> brokenByTheKill = failed.stream()
                    .filter(call -> call.stream && call.status == 200 && call.errorEvent
                            && "a/mock-model".equals(call.servedBy) && call.startMs <= KILL && call.endMs >= KILL)
                    .toList();
            System.out.printf("FailoverIT: %d calls, %d streams cut by the kill (each ended with an error event)%n",
                    calls.size(), brokenByTheKill.size());
            assertEquals(brokenByTheKill, failed, "only streams that had started from the killed upstream may fail");
            assertTrue(calls.size() > 100, "steady load: " + calls.size() + " calls");
            assertTrue(calls.stream().anyMatch(call -> call.startMs < KILL && "a/mock-model".equals(call.servedBy)),
                    "a served before it was killed");

            long back = calls.stream().filter(call -> call.startMs >= RECOVER && "a/mock-model".equals(call.servedBy))
                    .mapToLong(Call::startMs).min().orElse(Long.MAX_VALUE);
            // A probe sent just before a answered again may still have failed and opened the circuit once more:
            // traffic is back within two cool-downs, never after a health interval or a timeout.
            assertTrue(back <= RECOVER + 2 * COOL_DOWN + 1_500, "traffic returned to a " + (back - RECOVER)
                    + " ms after it recovered; its cool-down is " + COOL_DOWN + " ms");

            // Hanging: the first calls wait for the 2 s timeout; once a's circuit is open, almost none do.
            List<Call> lateInTheHang = calls.stream()
                    .filter(call -> call.startMs >= HANG + 3_000 && call.endMs < FAIL_500).toList();
            long waited = lateInTheHang.stream().filter(call -> call.endMs - call.startMs >= 1_900).count();
            assertTrue(waited * 5 <= lateInTheHang.size(), waited + " of " + lateInTheHang.size()
                    + " calls waited for a timeout while a's circuit should have been open");
        } finally {
            a.close();
        }
    }

    /**
     * Three JVMs just started: their first calls can outlast the 2 s upstream timeout on a busy machine. The scenario
     * measures what faults do, so it starts once both targets have answered calls in time, whole and streamed: 20 in a
     * row, among them calls that {@code x-gateway-upstream} says each target served.
     */
    private static void warmUp(HttpClient http, RunningGateway gateway) {
        long deadline = System.currentTimeMillis() + 90_000;
        int inTime = 0;
        Set<String> servedBy = new TreeSet<>();
        for (int i = 0; (inTime < 20 || !servedBy.equals(BOTH)) && System.currentTimeMillis() < deadline; i++) {
            Call call = call(http, gateway, i % 2 == 0, System.currentTimeMillis());
            if (call.status == 200 && call.complete) {
                inTime++;
                servedBy.add(String.valueOf(call.servedBy));
            } else {
                inTime = 0;
                servedBy.clear();
            }
        }
        assertTrue(inTime >= 20 && servedBy.equals(BOTH), "the group did not answer 20 calls in a row, served by "
                + BOTH + ", within 90 s before the faults began; the last run: " + inTime + " served by " + servedBy);
    }

    private static Call call(HttpClient http, RunningGateway gateway, boolean stream, long begin) {
        long start = System.currentTimeMillis() - begin;
        String body = Json.write(Map.of("model", "smart", "stream", stream,
                "messages", List.of(Map.of("role", "user", "content", "keep going"))));
        try {
            HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl()
                            + "/chat/completions"))
                    .header("Authorization", "Bearer " + RunningGateway.KEY)
                    .header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(20))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            String text = res.body();
            boolean errorEvent = stream && text.contains("data: {\"error\"");
            boolean complete = stream ? text.contains("data: [DONE]") : text.contains("\"choices\"");
            return new Call(start, System.currentTimeMillis() - begin, stream, res.statusCode(),
                    res.headers().firstValue("x-gateway-upstream").orElse(null), errorEvent, complete);
        } catch (Exception e) {
            return new Call(start, System.currentTimeMillis() - begin, stream, -1, null, false, false);
        }
    }

    private static void sleepUntil(long begin, long offsetMs) throws InterruptedException {
        long left = begin + offsetMs - System.currentTimeMillis();
        if (left > 0) {
            Thread.sleep(left); // the scenario's clock: the load runs meanwhile, this only times the next fault
        }
    }

    private static String upstreamsYaml(MockUpstreamProcess a, MockUpstreamProcess b) {
        return """
                upstreams:
                  - {name: a, provider: openai-compatible, base_url: "%s", timeout: 2, retries: 0,
                     circuit_breaker: {window: 4, failure_percent: 50, cool_down: 2}}
                  - {name: b, provider: openai-compatible, base_url: "%s", timeout: 2, retries: 0,
                     circuit_breaker: {window: 4, failure_percent: 50, cool_down: 2}}
                groups:
                  - name: smart
                    targets:
                      - {upstream: a, model: mock-model}
                      - {upstream: b, model: mock-model}
                """.formatted(a.baseUrl(), b.baseUrl());
    }
}
