package io.agentgateway.host.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The mock OpenAI upstream, run as its own process as a real model server would be. */
public final class MockUpstreamProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Process process;
    private final int port;

    private MockUpstreamProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts the mock on a free port and waits until it listens. */
    public static MockUpstreamProcess start(String... options) throws IOException {
        return startOn(0, options);
    }

    /** Starts the mock on {@code port} (0 for any free one) and waits until it listens. */
    public static MockUpstreamProcess startOn(int port, String... options) throws IOException {
        Path classes = Repository.root().resolve("bench/mock-upstream/target/classes");
        if (!Files.isDirectory(classes)) {
            throw new IllegalStateException(classes + " is missing: build the reactor (./gateway test) first");
        }
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classes.toString(), "io.agentgateway.mock.MockUpstream", "--port", Integer.toString(port)));
        command.addAll(List.of(options));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String first = out.readLine();
        if (first == null || !first.startsWith("mock-upstream listening on ")) {
            process.destroyForcibly();
            throw new IllegalStateException("mock upstream did not start: " + first);
        }
        Thread.ofVirtual().start(() -> out.lines().forEach(line -> { })); // keep its stdout drained
        return new MockUpstreamProcess(process, Integer.parseInt(first.substring(first.lastIndexOf(' ') + 1)));
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port + "/v1";
    }

    /** @return the request bodies the mock received for {@code model}, as a JSON array */
    public String requestsFor(String model) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/__requests/" + model))
                .GET().build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /** Queues scripted assistant answers for {@code model}: {@code {"responses":[...]}}. */
    public void script(String model, String responsesJson) throws Exception {
        HttpResponse<String> res = HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/__script/" + model))
                .POST(HttpRequest.BodyPublishers.ofString(responsesJson)).build(), HttpResponse.BodyHandlers.ofString());
        if (res.statusCode() / 100 != 2) {
            throw new IllegalStateException("script rejected: " + res.body());
        }
    }

    /** Makes every chat request behave as {@code model} ({@code hang}, {@code error-500}...); null for normal. */
    public void mode(String model) throws Exception {
        HttpResponse<String> res = HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/__mode"))
                .POST(HttpRequest.BodyPublishers.ofString(model == null ? "{}" : "{\"model\":\"" + model + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (res.statusCode() != 204) {
            throw new IllegalStateException("mode rejected: " + res.statusCode());
        }
    }

    /** Ends the process at once, as a crash would: its connections are cut mid-answer. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
