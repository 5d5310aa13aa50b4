package io.agentgateway.host.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a person starting the gateway reads: the banner in the start output of a real gateway process. */
class StartupBannerIT {

    @TempDir
    Path configDir;

    @Test
    void theStartOutputListsPluginsUpstreamsThatAnsweredModelsAndTheUrlsToOpen() throws Exception {
        String upstreams = """
                upstreams:
                  - name: demo
                    provider: demo
                    base_url: in-process
                  - name: nowhere
                    provider: openai-compatible
                    base_url: http://127.0.0.1:9/v1
                    timeout: 2
                """;
        try (GatewayProcess gateway = GatewayProcess.start(configDir, upstreams,
                Map.of("GATEWAY_LOG_FORMAT", "text"))) {
            List<String> banner = awaitBanner(gateway);
            String text = String.join("\n", banner);
            String base = "http://127.0.0.1:" + gateway.port();

            assertTrue(text.contains("Agent Gateway is serving on " + base), text);
            assertTrue(text.contains("  API      " + base + "/v1"), text);
            assertTrue(text.contains("  Docs     " + base + "/docs"), text);
            assertTrue(text.contains("  Console  " + base + "/console"), text);
            assertTrue(text.contains("  Console  " + base + "/console"), "the console, served: " + text);
            assertTrue(text.matches("(?s).*\n  demo +\\S+ +started\n.*"), "the demo plugin, started: " + text);
            assertTrue(text.matches("(?s).*\n  openai-compatible +\\S+ +started\n.*"), text);
            assertTrue(text.matches("(?s).*\n  demo +answered, 1 model\n.*"), "the demo upstream answered: " + text);
            assertTrue(text.matches("(?s).*\n  nowhere +not answering \\(http://127.0.0.1:9/v1\\): .*"), text);
            assertTrue(text.contains("  upstream demo/echo"), text);
        }
    }

    /** @return the banner's lines, from its first to its models, once the gateway has written them */
    private static List<String> awaitBanner(GatewayProcess gateway) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < deadline) {
            List<String> log = gateway.log();
            int first = log.indexOf("Agent Gateway is serving on http://127.0.0.1:" + gateway.port());
            int models = -1;
            for (int i = Math.max(first, 0); first >= 0 && i < log.size(); i++) {
                if (log.get(i).startsWith("Models (")) {
                    models = i;
                }
            }
            if (models > 0 && log.size() > models + 1) {
                return log.subList(first, log.size());
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no banner in the start output:\n" + String.join("\n", gateway.log()));
    }
}
