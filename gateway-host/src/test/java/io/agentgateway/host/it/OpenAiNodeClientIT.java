package io.agentgateway.host.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official OpenAI Node client (npm {@code openai}), unchanged, against the real gateway: models, completion,
 * the stream helper (which rejects malformed streams), streamed tool calls from three upstream dialects, error classes,
 * and a dropped stream. Needs {@code node} and {@code npm}; the package is installed on first run.
 */
class OpenAiNodeClientIT {

    @TempDir
    Path configDir;

    @Test
    void officialNodeClientWorksUnchanged() throws Exception {
        Path script = Repository.root().resolve("gateway-host/src/test/node");
        installClient(script);
        try (MockUpstreamProcess mock = MockUpstreamProcess.start();
             RunningGateway gateway = RunningGateway.withMock(configDir, mock)) {
            waitForModels(gateway);
            Process node = new ProcessBuilder("node", "openai-node-check.mjs", gateway.baseUrl(), RunningGateway.KEY)
                    .directory(script.toFile()).redirectErrorStream(true).start();
            String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(node.waitFor(60, TimeUnit.SECONDS), "node check timed out");
            assertEquals(0, node.exitValue(), output);
            assertTrue(output.contains("\"failures\":[]"), output);
        }
    }

    private static void installClient(Path dir) throws IOException, InterruptedException {
        if (Files.isDirectory(dir.resolve("node_modules/openai"))) {
            return;
        }
        Process npm = new ProcessBuilder(List.of("npm", "install", "--no-audit", "--no-fund", "--loglevel=error"))
                .directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!npm.waitFor(180, TimeUnit.SECONDS) || npm.exitValue() != 0) {
            throw new IllegalStateException("npm install of the openai client failed: " + output);
        }
    }

    private static void waitForModels(RunningGateway gateway) throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(gateway.baseUrl() + "/models"))
                .header("Authorization", "Bearer " + RunningGateway.KEY).build();
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            if (http.send(request, java.net.http.HttpResponse.BodyHandlers.ofString()).body()
                    .contains("mock/mock-model")) {
                return;
            }
            Thread.sleep(100);
        }
    }
}
