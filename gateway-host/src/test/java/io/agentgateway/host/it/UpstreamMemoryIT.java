package io.agentgateway.host.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgateway.mock.ScriptedServer;
import io.agentgateway.mock.ScriptedServer.Answer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gateway with a 96 MB heap, one of whose upstreams answers with far more than that (answers declaring 2 GB, 300 MB
 * answers, events that never end, streams without end), keeps answering its other clients meanwhile: what an upstream
 * sends is read incrementally and cut at its limits, never held whole.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class UpstreamMemoryIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final int HOSTILE_ROUNDS = 6;
    private static final String STREAM_HEAD =
            "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n";

    @TempDir
    Path configDir;

    @Test
    void oversizeAndEndlessAnswersLeaveOtherClientsServed() throws Exception {
        try (ScriptedServer hostile = new ScriptedServer();
             MockUpstreamProcess mock = MockUpstreamProcess.start()) {
            hostile.alwaysAnswer("GET /v1/models", "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 37\r\n\r\n{\"object\":\"list\",\"data\":[{\"id\":\"m\"}]}");
            try (GatewayProcess gateway = GatewayProcess.start(configDir, """
                    upstreams:
                      - name: hostile
                        base_url: %s
                        retries: 0
                        limits: {max_stream_seconds: 2}
                      - name: mock
                        base_url: %s
                    """.formatted(hostile.baseUrl(), mock.baseUrl()), "-Xmx96m", "-XX:+UseSerialGC")) {
                AtomicBoolean hostileDone = new AtomicBoolean();
                ConcurrentLinkedQueue<String> hostileOutcomes = new ConcurrentLinkedQueue<>();
                List<Thread> attackers = new ArrayList<>();
                for (int kind = 0; kind < 4; kind++) {
                    int k = kind;
                    attackers.add(Thread.ofVirtual().start(() -> {
                        for (int round = 0; round < HOSTILE_ROUNDS; round++) {
                            hostile.answer(hostileAnswer(k));
                            hostileOutcomes.add(k + ":" + chat(gateway, "hostile/m", k >= 2,
                                    HttpResponse.BodyHandlers.discarding()).statusCode());
                        }
                    }));
                }
                Thread.ofVirtual().start(() -> {
                    attackers.forEach(UpstreamMemoryIT::join);
                    hostileDone.set(true);
                });

                int served = 0;
                List<String> failures = new ArrayList<>();
                while (!hostileDone.get() || served < 50) {
                    HttpResponse<String> res = chat(gateway, "mock/mock-model", false,
                            HttpResponse.BodyHandlers.ofString());
                    if (res.statusCode() != 200) {
                        failures.add(res.statusCode() + " " + res.body());
                    }
                    served++;
                }

                assertEquals(List.of(), failures, "other clients kept getting answers");
                assertEquals(4 * HOSTILE_ROUNDS, hostileOutcomes.size());
                for (String outcome : hostileOutcomes) {
                    // 502 before a stream started; 200 with an error event after
                    assertTrue(outcome.endsWith(":502") || outcome.endsWith(":200"), outcome);
                }
                assertTrue(gateway.alive(), "the gateway is still running");
                assertTrue(gateway.log().stream().noneMatch(line -> line.contains("OutOfMemoryError")),
                        String.join("\n", gateway.log()));
            }
        }
    }

    /** 0: declares 2 GB; 1: sends 300 MB; 2: one event that never ends; 3: a stream that never ends. */
    private static Answer hostileAnswer(int kind) {
        return switch (kind) {
            case 0 -> Answer.thenSilence("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 2000000000\r\n\r\n{\"id\":");
            case 1 -> Answer.writing(out -> {
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + BoundedUpstreamsIT.chunk("{\"x\":\"")).getBytes(StandardCharsets.UTF_8));
                byte[] piece = BoundedUpstreamsIT.chunk("x".repeat(64 * 1024)).getBytes(StandardCharsets.UTF_8);
                for (int i = 0; i < 300 * 16; i++) {
                    out.write(piece);
                }
            });
            case 2 -> Answer.writing(out -> {
                out.write(STREAM_HEAD.getBytes(StandardCharsets.UTF_8));
                BoundedUpstreamsIT.writeForever(out, BoundedUpstreamsIT.chunk("data: " + "y".repeat(4000) + "\n"));
            });
            default -> Answer.writing(out -> {
                out.write(STREAM_HEAD.getBytes(StandardCharsets.UTF_8));
                String event = BoundedUpstreamsIT.chunk("data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\","
                        + "\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\""
                        + "z".repeat(2000) + "\"}}]}\n\n");
                BoundedUpstreamsIT.writeForever(out, event);
            });
        };
    }

    private static <T> HttpResponse<T> chat(GatewayProcess gateway, String model, boolean stream,
            HttpResponse.BodyHandler<T> body) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port()
                            + "/v1/chat/completions"))
                    .header("Authorization", "Bearer " + RunningGateway.KEY)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model + "\",\"stream\":" + stream
                            + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                    .build(), body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
