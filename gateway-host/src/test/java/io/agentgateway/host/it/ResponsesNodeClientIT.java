package io.agentgateway.host.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The official OpenAI Node client's {@code responses.create} (plain, streamed, with a function tool and its output
 * sent back, with {@code previous_response_id}), {@code retrieve} and {@code delete}, and the OpenAI Agents SDK for
 * JS in its default Responses mode with a tool, unchanged, against the gateway with its shipped config (the demo
 * upstream, the shipped agents). Needs {@code node} and {@code npm}; the packages are installed on first run.
 */
class ResponsesNodeClientIT {

    @Test
    void officialNodeClientAndAgentsSdkUseTheResponsesApi() throws Exception {
        Path script = Repository.root().resolve("gateway-host/src/test/node-responses");
        install(script);
        String key = ReadmeExamples.chats().get(0).key();
        try (RunningGateway gateway = RunningGateway.shipped(Map.of())) {
            Process node = new ProcessBuilder("node", "responses-check.mjs", gateway.baseUrl(), key)
                    .directory(script.toFile()).redirectErrorStream(true).start();
            node.getOutputStream().close();
            String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(node.waitFor(90, TimeUnit.SECONDS), "node check timed out");
            assertEquals(0, node.exitValue(), output);
            assertTrue(output.contains("\"failures\":[]"), output);
            assertTrue(output.contains("\"agents sdk\":true"), output);
        }
    }

    static void install(Path dir) throws IOException, InterruptedException {
        if (Files.isDirectory(dir.resolve("node_modules/@openai/agents"))) {
            return;
        }
        ProcessBuilder builder = new ProcessBuilder(List.of("npm", "install", "--no-audit", "--no-fund",
                "--loglevel=error")).directory(dir.toFile()).redirectErrorStream(true);
        String cache = System.getenv("GATEWAY_TEST_NPM_CACHE");
        if (cache != null) {
            builder.environment().put("npm_config_cache", cache);
        }
        Process npm = builder.start();
        String output = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!npm.waitFor(180, TimeUnit.SECONDS) || npm.exitValue() != 0) {
            throw new IllegalStateException("npm install of the openai client and agents SDK failed: " + output);
        }
    }
}
