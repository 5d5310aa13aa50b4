package io.agentgateway.httpclient;

import io.agentgateway.api.http.HttpClient;
import io.agentgateway.api.http.HttpRequest;
import io.agentgateway.api.http.HttpResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Chat completions sent on threads of their own, and what went wrong with them: the idle-connection tests' calls. */
final class BackgroundCalls {

    private BackgroundCalls() {
    }

    /** @return the status of a POST /v1/chat/completions to 127.0.0.1:{@code port}, sent on one of {@code threads} */
    static Future<Integer> post(HttpClient client, ExecutorService threads, int port) {
        HttpRequest completion = HttpRequest.post(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"),
                "{\"model\":\"m\"}".getBytes(StandardCharsets.UTF_8), "application/json").build();
        return threads.submit(() -> {
            try (HttpResponse response = client.send(completion)) {
                response.bodyBytes();
                return response.status();
            }
        });
    }

    /** @return each call that did not answer 200 within 30 s, with why */
    static List<String> failuresOf(List<Future<Integer>> calls) throws InterruptedException {
        List<String> failures = new ArrayList<>();
        for (Future<Integer> call : calls) {
            try {
                int status = call.get(30, TimeUnit.SECONDS);
                if (status != 200) {
                    failures.add("status " + status);
                }
            } catch (ExecutionException | TimeoutException e) {
                failures.add(String.valueOf(e.getCause() != null ? e.getCause() : e));
            }
        }
        return failures;
    }
}
