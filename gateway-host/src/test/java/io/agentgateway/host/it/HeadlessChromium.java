package io.agentgateway.host.it;

import io.agentgateway.host.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Debian's {@code chromium}, headless, driven through its DevTools protocol over a WebSocket with the JDK's own client:
 * one page, navigated, read with {@code Runtime.evaluate}, photographed. No driver, no library. The binary is
 * {@code GATEWAY_TEST_CHROMIUM} or {@code chromium} on the PATH; {@code .ci/run} installs it.
 */
final class HeadlessChromium implements AutoCloseable {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(15);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<Map<String, Object>>> pending = new ConcurrentHashMap<>();

    private HeadlessChromium(Process process, Path profile, URI page) {
        this.process = process;
        this.profile = profile;
        this.socket = HTTP.newWebSocketBuilder().connectTimeout(CALL_TIMEOUT)
                .buildAsync(page, new Answers()).join();
    }

    /** Completes each command's future with its answer; events, which have no id, are not needed here. */
    private final class Answers implements WebSocket.Listener {

        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                Map<String, Object> message;
                try {
                    message = Json.readObject(text.toString());
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException("chromium sent a message that is not JSON", e);
                } finally {
                    text.setLength(0);
                }
                if (message.get("id") instanceof Number id) {
                    CompletableFuture<Map<String, Object>> answer = pending.get(id.intValue());
                    if (answer != null) {
                        answer.complete(message);
                    }
                }
            }
            webSocket.request(1);
            return null;
        }
    }

    /** Starts a browser with an empty profile, its one page on {@code about:blank}, {@code width}×{@code height}. */
    static HeadlessChromium start(int width, int height) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("chromium-profile");
        Process process = new ProcessBuilder(binary(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--remote-debugging-port=0", "--remote-debugging-address=127.0.0.1",
                "--window-size=" + width + "," + height, "about:blank")
                .redirectErrorStream(true)
                .redirectOutput(profile.resolve("chromium.log").toFile())
                .start();
        try {
            int port = devToolsPort(process, profile);
            return new HeadlessChromium(process, profile, pageSocket(port));
        } catch (IOException | RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    /** @return the chromium binary to run, or fails saying how to install it */
    private static String binary() {
        String configured = System.getenv("GATEWAY_TEST_CHROMIUM");
        if (configured != null && !configured.isBlank()) {
            if (!Files.isExecutable(Path.of(configured))) {
                throw new IllegalStateException("GATEWAY_TEST_CHROMIUM is " + configured
                        + ", which is not an executable file: point it at a Chromium or Chrome binary, or unset it to"
                        + " use chromium from the PATH (apt-get install -y chromium; .ci/run does).");
            }
            return configured;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(java.io.File.pathSeparator)) {
            for (String name : List.of("chromium", "chromium-browser")) {
                if (Files.isExecutable(Path.of(dir, name))) {
                    return Path.of(dir, name).toString();
                }
            }
        }
        throw new IllegalStateException("chromium is missing: the console and /docs are tested in headless Chromium."
                + " Install Debian's package (apt-get install -y chromium; .ci/run does) or set GATEWAY_TEST_CHROMIUM"
                + " to a Chromium or Chrome binary.");
    }

    /** Chromium writes the port it chose to DevToolsActivePort in its profile once it listens. */
    private static int devToolsPort(Process process, Path profile) throws IOException, InterruptedException {
        Path portFile = profile.resolve("DevToolsActivePort");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (Files.exists(portFile)) {
                List<String> lines = Files.readAllLines(portFile);
                if (!lines.isEmpty() && !lines.get(0).isBlank()) {
                    return Integer.parseInt(lines.get(0).trim());
                }
            }
            if (!process.isAlive()) {
                break;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("chromium did not open its DevTools port:\n"
                + Files.readString(profile.resolve("chromium.log")));
    }

    /** @return the DevTools WebSocket of the browser's page */
    private static URI pageSocket(int port) throws IOException, InterruptedException {
        HttpResponse<String> targets = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/json/list")).build(), HttpResponse.BodyHandlers.ofString());
        for (Object target : Json.MAPPER.readValue(targets.body(), List.class)) {
            Map<?, ?> page = (Map<?, ?>) target;
            if ("page".equals(page.get("type"))) {
                return URI.create((String) page.get("webSocketDebuggerUrl"));
            }
        }
        throw new IllegalStateException("chromium has no page: " + targets.body());
    }

    /** Opens {@code url} and waits until its document has loaded. */
    void open(URI url) throws InterruptedException {
        call("Page.enable", Map.of());
        call("Page.navigate", Map.of("url", url.toString()));
        waitFor("the page " + url + " to load", "document.readyState === 'complete' && location.href === "
                + Json.write(url.toString()), Duration.ofSeconds(15));
    }

    /** @return the value of a JavaScript {@code expression} in the page (promises awaited) */
    Object evaluate(String expression) throws InterruptedException {
        Map<String, Object> result = call("Runtime.evaluate", Map.of("expression", expression,
                "returnByValue", true, "awaitPromise", true));
        if (result.get("exceptionDetails") != null) {
            throw new IllegalStateException("the page threw evaluating " + expression + ": "
                    + Json.write(result.get("exceptionDetails")));
        }
        return ((Map<?, ?>) result.get("result")).get("value");
    }

    /** Waits until {@code expression} is true in the page, or fails naming {@code what} and the page's text. */
    void waitFor(String what, String expression, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Boolean.TRUE.equals(evaluate("Boolean(" + expression + ")"))) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("waited " + timeout.toSeconds() + " s for " + what + "; the page shows:\n"
                + evaluate("document.body ? document.body.innerText : ''"));
    }

    /** Types {@code text} into the focused element as a user's keyboard would. */
    void type(String text) throws InterruptedException {
        call("Input.insertText", Map.of("text", text));
    }

    /** @return a PNG of the whole page */
    byte[] screenshot() throws InterruptedException {
        Map<String, Object> result = call("Page.captureScreenshot", Map.of("format", "png",
                "captureBeyondViewport", true));
        return Base64.getDecoder().decode((String) result.get("data"));
    }

    /** Sends one DevTools command and waits for its answer. @return its {@code result} */
    Map<String, Object> call(String method, Map<String, Object> params) throws InterruptedException {
        int id = ids.incrementAndGet();
        CompletableFuture<Map<String, Object>> answer = new CompletableFuture<>();
        pending.put(id, answer);
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("id", id);
        message.put("method", method);
        message.put("params", params);
        socket.sendText(Json.write(message), true).join();
        Map<String, Object> reply;
        try {
            reply = answer.get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("chromium did not answer " + method + " in " + CALL_TIMEOUT, e);
        } finally {
            pending.remove(id);
        }
        if (reply.get("error") != null) {
            throw new IllegalStateException(method + " failed: " + Json.write(reply.get("error")));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) reply.getOrDefault("result", Map.of());
        return result;
    }

    @Override
    public void close() throws IOException {
        socket.abort();
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(profile)) {
            List<Path> all = new ArrayList<>(files.sorted(Comparator.reverseOrder()).toList());
            for (Path file : all) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // a profile file chromium still held: the temporary folder is the system's to clean
        }
    }
}
