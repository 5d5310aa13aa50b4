package io.agentgateway.host.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgateway.host.json.Json;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin console ({@code /console}) and the API explorer ({@code /docs}) in headless Chromium, as an operator uses
 * them: sign in with the admin key, see the plugins, see a chat request's id appear among the latest requests, see a
 * plugin's state change when security.yaml denies it, and a plugin dropped into the folder appear after the console's
 * reload button. Never skipped: without chromium it fails saying how to install it ({@code .ci/run} does). Writes the
 * console's screenshot to {@code gateway-host/target/console.png} (docs/images/console.png is a copy of it).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserIT {

    /** The calls the console shows for the demo upstream ("N · M failed"), or null before it has them. */
    private static final String DEMO_CALLS = "(() => { const m = document.querySelector(\"#upstreams-rows"
            + " tr[data-upstream='demo']\")?.innerText.match(/(\\d+) · \\d+ failed/);"
            + " return m ? Number(m[1]) : null; })()";
    private static final String TOKENS = "Number(document.getElementById('tokens').textContent)";

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String USER_KEY = "console-user-key";

    @TempDir
    static Path configDir;
    @TempDir
    static Path pluginsDir;

    private static RunningGateway gateway;
    private static HeadlessChromium browser;

    @BeforeAll
    static void start() throws Exception {
        // The browser starts while the gateway does: each takes seconds on a busy machine.
        java.util.concurrent.CompletableFuture<HeadlessChromium> starting = java.util.concurrent.CompletableFuture
                .supplyAsync(() -> {
                    try {
                        return HeadlessChromium.start(1280, 900);
                    } catch (java.io.IOException | InterruptedException e) {
                        throw new IllegalStateException("starting chromium", e);
                    }
                });
        try {
            // A plugins folder of its own: the test changes it.
            for (String jar : List.of("demo.jar", "openai-compatible.jar")) {
                Files.copy(Repository.pluginsDist().resolve(jar), pluginsDir.resolve(jar));
            }
            gateway = RunningGateway.start(configDir, """
                    upstreams:
                      - name: demo
                        provider: demo
                    """, Map.of("GATEWAY_PLUGINS_DIR", pluginsDir.toString(),
                    "security.yaml", RunningGateway.securityYaml("""
                              - id: user
                                key: %s
                            """.formatted(USER_KEY))));
        } finally {
            try {
                browser = starting.join(); // even when the gateway did not start, so that it is closed
            } catch (java.util.concurrent.CompletionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    @Order(1)
    void signInSeePluginsAndARequestAppear() throws Exception {
        browser.open(gateway.uri("/console"));
        browser.waitFor("the sign-in form", "!document.getElementById('login').hidden", WAIT);
        assertEquals(true, browser.evaluate("document.getElementById('dashboard').hidden"),
                "nothing is shown before a key is accepted");

        signIn("not-the-key");
        browser.waitFor("the wrong key to be refused", "document.getElementById('login-error').textContent"
                + ".includes('Incorrect API key')", WAIT);

        signIn(USER_KEY);
        browser.waitFor("a key that is not an admin key to be refused", "document.getElementById('login-error')"
                + ".textContent.includes('admin key')", WAIT);
        assertEquals(true, browser.evaluate("document.getElementById('dashboard').hidden"));

        signIn(RunningGateway.KEY);
        browser.waitFor("the demo plugin, started", "document.querySelector(\"#plugins-rows tr[data-plugin='demo']"
                + "[data-state='started']\")", WAIT);
        String digest = (String) browser.evaluate(
                "document.querySelector(\"#plugins-rows tr[data-plugin='demo'] td[title]\").title");
        assertTrue(digest.matches("[0-9a-f]{64}"), "the plugin's sha256 is shown: " + digest);
        browser.waitFor("the demo upstream, healthy", "document.querySelector(\"#upstreams-rows "
                + "tr[data-upstream='demo']\")?.textContent.includes('healthy')", WAIT);
        browser.waitFor("the demo models", "document.querySelector(\"#models-rows tr[data-model^='demo/']\")", WAIT);

        // The gateway's meters are the test JVM's, shared with every other test class: compare before and after.
        browser.waitFor("the demo upstream's calls, from GET /metrics", DEMO_CALLS + " !== null", WAIT);
        long callsBefore = ((Number) browser.evaluate(DEMO_CALLS)).longValue();
        double tokensBefore = ((Number) browser.evaluate(TOKENS)).doubleValue();
        HttpResponse<String> chat = gateway.chat(RunningGateway.KEY,
                "{\"model\":\"demo/echo\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello, console\"}]}");
        assertEquals(200, chat.statusCode(), chat.body());
        String requestId = chat.headers().firstValue("x-request-id").orElseThrow();
        browser.waitFor("request " + requestId + " among the latest requests",
                "document.querySelector('#requests-rows tr[data-request-id=" + Json.write(requestId) + "]')", WAIT);
        String row = (String) browser.evaluate("document.querySelector('#requests-rows tr[data-request-id="
                + Json.write(requestId) + "]').innerText");
        assertTrue(row.contains("/v1/chat/completions") && row.contains("200") && row.contains("demo/echo"), row);
        HttpResponse<String> wrong = gateway.chat(RunningGateway.KEY,
                "{\"model\":\"no-such-model\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}",
                "x-request-id", "console-it-unknown-model");
        assertEquals(404, wrong.statusCode(), wrong.body());
        browser.waitFor("the failed request too, marked as a client error", "document.querySelector('#requests-rows "
                + "tr[data-request-id=\"console-it-unknown-model\"] .badge.warn')", WAIT);
        browser.waitFor("both requests counted, the console's own reads not",
                "document.getElementById('total').textContent === '2'", WAIT);
        browser.waitFor("the chat's tokens and its call to the demo upstream, from GET /metrics",
                TOKENS + " > " + tokensBefore + " && " + DEMO_CALLS + " === " + (callsBefore + 1), WAIT);

        String page = (String) browser.evaluate("document.documentElement.outerHTML");
        assertFalse(page.contains(RunningGateway.KEY), "the key is never written into the page");
        assertEquals(null, browser.evaluate("localStorage.getItem('agent-gateway-admin-key')"),
                "the key is kept for the tab only");

        Path screenshot = Path.of("target", "console.png");
        Files.createDirectories(screenshot.getParent());
        Files.write(screenshot, browser.screenshot());
    }

    @Test
    @Order(2)
    void pluginStatesChangeOnTheConsole() throws Exception {
        browser.open(gateway.uri("/console"));
        if (Boolean.FALSE.equals(browser.evaluate("document.getElementById('login').hidden"))) {
            signIn(RunningGateway.KEY); // when run alone: otherwise the key is still kept for the tab
        }
        browser.waitFor("openai-compatible, started", "document.querySelector(\"#plugins-rows "
                + "tr[data-plugin='openai-compatible'][data-state='started']\")", WAIT);

        Files.writeString(configDir.resolve("security.yaml"), """
                version: 1
                default:
                  allow_agents: ["*"]
                  dropin_module_allowlist: ["*"]
                  dropin_module_denylist: ["openai-compatible"]
                api_keys:
                  - id: it
                    key: %s
                    admin: true
                """.formatted(RunningGateway.KEY));
        HttpResponse<String> refresh = gateway.send(java.net.http.HttpRequest.newBuilder(
                        gateway.uri("/security/refresh")).header("Authorization", "Bearer " + RunningGateway.KEY)
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()));
        assertEquals(200, refresh.statusCode(), refresh.body());
        browser.waitFor("openai-compatible, blocked by the deny list", "document.querySelector(\"#plugins-rows "
                + "tr[data-plugin='openai-compatible'][data-state='blocked']\")?.innerText.includes('denylist')", WAIT);

        Files.write(pluginsDir.resolve("broken.jar"), "not a jar".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        browser.evaluate("document.getElementById('reload').click()");
        browser.waitFor("the reload's result", "document.getElementById('reload-result').textContent"
                + ".startsWith('reloaded')", WAIT);
        browser.waitFor("the broken jar, invalid", "document.querySelector(\"#plugins-rows "
                + "tr[data-state='invalid']\")", WAIT);
        browser.waitFor("demo, still started", "document.querySelector(\"#plugins-rows "
                + "tr[data-plugin='demo'][data-state='started']\")", WAIT);
    }

    @Test
    @Order(3)
    void theExplorerRendersTheDocument() throws Exception {
        browser.open(gateway.uri("/docs"));
        browser.waitFor("Swagger UI to list the operations",
                "document.querySelectorAll('.opblock').length > 20", WAIT);
        browser.waitFor("the console's route among them",
                "[...document.querySelectorAll('.opblock-summary-path')].some(e => e.innerText.includes("
                        + "'/requests/recent'))", WAIT);
    }

    private static void signIn(String key) throws InterruptedException {
        browser.evaluate("document.getElementById('key').focus()");
        browser.type(key);
        browser.evaluate("document.getElementById('sign-in').click()");
    }
}
