package io.agentgateway.host.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentgateway.host.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.Container;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The repository's Dockerfile, built as it is, and the README's quick start run against the container: a streamed
 * chat with the demo model and the weather agent with its tool, with a key of the operator's own (the shipped
 * development key is refused beyond loopback). Also: it runs as a non-root user and its health check reports healthy.
 *
 * <p>Skipped only where no Docker engine exists; {@code .ci/run} starts one ({@code .ci/docker-engine}), so CI never
 * skips it. Longer than other ITs: the image's build stage compiles the project from a clean Maven repository, a few
 * minutes on two cores when the checkout changed (Docker's layer cache makes an unchanged checkout's build seconds).
 */
@Testcontainers(disabledWithoutDocker = true)
class ContainerImageIT {

    private static final String KEY = "container-it-secret-0123456789";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void theImageServesTheQuickStartAsANonRootUserAndReportsHealthy() throws Exception {
        ImageFromDockerfile image = new ImageFromDockerfile("local/agent-gateway-it", false)
                .withDockerfile(Repository.root().resolve("Dockerfile"));
        try (GenericContainer<?> gateway = new GenericContainer<>(image)
                .withEnv("GATEWAY_DEV_KEY", KEY)
                .withExposedPorts(8000)
                .waitingFor(Wait.forHttp("/health").forStatusCode(200)
                        .withStartupTimeout(Duration.ofSeconds(120)))) {
            gateway.start();
            String base = "http://" + gateway.getHost() + ":" + gateway.getMappedPort(8000);

            HttpResponse<String> chat = post(base, """
                    {"model":"demo/echo","stream":true,"messages":[{"role":"user","content":"Hello"}]}""");
            assertEquals(200, chat.statusCode(), chat.body());
            assertEquals("Demo echo: Hello", streamedText(chat.body()), chat.body());
            assertTrue(chat.body().endsWith("data: [DONE]\n\n"), chat.body());

            HttpResponse<String> agent = post(base, """
                    {"model":"default/weatheragent","messages":[{"role":"user",\
                    "content":"What is the weather in Tokyo and Paris?"}]}""");
            assertEquals(200, agent.statusCode(), agent.body());
            JsonNode run = Json.MAPPER.readTree(agent.body()).path("agent_run");
            assertEquals(2, run.path("tool_calls").asInt(), agent.body());

            Container.ExecResult user = gateway.execInContainer("id", "-u");
            assertEquals("10001", user.getStdout().trim(), "runs as the unprivileged user");
            Container.ExecResult sbom = gateway.execInContainer("head", "-c", "200", "/app/sbom.json");
            assertTrue(sbom.getStdout().contains("CycloneDX"), sbom.getStdout());
            assertEquals("healthy", awaitHealth(gateway));
        }
    }

    private static String streamedText(String sse) throws Exception {
        StringBuilder text = new StringBuilder();
        for (String line : sse.split("\n")) {
            if (line.startsWith("data: {")) {
                Json.MAPPER.readTree(line.substring(6)).path("choices")
                        .forEach(choice -> text.append(choice.path("delta").path("content").asText("")));
            }
        }
        return text.toString();
    }

    private static HttpResponse<String> post(String base, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + "/v1/chat/completions"))
                .header("Authorization", "Bearer " + KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** @return the health status Docker gives once its checks (every 10 s) decided, or the last seen after 90 s */
    private static String awaitHealth(GenericContainer<?> gateway) throws InterruptedException {
        String status = "";
        for (int i = 0; i < 180 && !List.of("healthy", "unhealthy").contains(status); i++) {
            var state = gateway.getDockerClient().inspectContainerCmd(gateway.getContainerId()).exec().getState();
            status = state.getHealth() == null ? "none" : state.getHealth().getStatus();
            Thread.sleep(500);
        }
        return status;
    }
}
