package io.agentgateway.host.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgateway.host.http.NeverRefused;
import io.agentgateway.host.json.Json;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenAPI document at {@code /openapi} against the gateway that serves it: every route it serves is documented,
 * every documented operation is served, and the document's auth (public, key, admin key) is what the gateway enforces.
 * The explorer at {@code /docs} is served from the jar; its rendering is checked in a browser (ConsoleBrowserIT).
 */
class ApiDocsIT {

    private static final String USER_KEY = "docs-user-key";

    @TempDir
    static Path configDir;

    private static RunningGateway gateway;
    private static Map<String, Object> document;

    @BeforeAll
    static void start() throws Exception {
        gateway = RunningGateway.start(configDir, "upstreams: []\n", Map.of("security.yaml",
                RunningGateway.securityYaml("""
                          - id: user
                            key: %s
                        """.formatted(USER_KEY))));
        HttpResponse<String> response = gateway.send(HttpRequest.newBuilder(gateway.uri("/openapi")));
        assertEquals(200, response.statusCode(), "/openapi must answer without a key: " + response.body());
        document = Json.readObject(response.body());
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void isOpenApi31() {
        assertEquals("3.1.0", document.get("openapi"));
    }

    @Test
    void everyRouteServedIsDocumented() {
        RouteRecorder recorder = new RouteRecorder();
        gateway.routing().routes(recorder);
        assertTrue(recorder.routes().contains("POST /v1/chat/completions"), recorder.routes().toString());
        Set<String> undocumented = new TreeSet<>(recorder.routes());
        undocumented.removeAll(documentedOperations());
        assertEquals(Set.of(), undocumented, "routes the gateway serves that /openapi does not describe");
    }

    @Test
    void everyDocumentedOperationIsServed() throws Exception {
        List<String> missing = new ArrayList<>();
        for (String operation : documentedOperations()) {
            HttpResponse<String> response = call(operation, RunningGateway.KEY);
            if (response.statusCode() == 404 && response.body().contains("\"unknown_url\"")) {
                missing.add(operation);
            }
        }
        assertEquals(List.of(), missing, "operations /openapi describes that the gateway does not serve");
    }

    @Test
    void documentedAuthIsEnforced() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (String operation : documentedOperations()) {
            Map<String, Object> spec = operation(operation);
            boolean isPublic = List.of().equals(spec.get("security"));
            int anonymous = call(operation, null).statusCode();
            if (isPublic == (anonymous == 401)) {
                wrong.add(operation + " without a key answered " + anonymous);
            }
            if (!isPublic) {
                HttpResponse<String> asUser = call(operation, USER_KEY);
                boolean refused = asUser.statusCode() == 403 && asUser.body().contains("admin_required");
                if (Boolean.TRUE.equals(spec.get("x-admin")) != refused) {
                    wrong.add(operation + " with a key that is not an admin key answered " + asUser.statusCode());
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void everyFailureIsDescribedAsAnOpenAiErrorBody() {
        @SuppressWarnings("unchecked")
        Map<String, Object> responses = (Map<String, Object>) ((Map<String, Object>) document.get("components"))
                .get("responses");
        List<String> withoutErrorBody = new ArrayList<>();
        for (String operation : documentedOperations()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> byStatus = (Map<String, Object>) operation(operation).get("responses");
            byStatus.forEach((status, response) -> {
                if (status.startsWith("4") && !status.equals("405") || status.startsWith("5")) {
                    String ref = String.valueOf(((Map<?, ?>) response).get("$ref"));
                    Object shared = responses.get(ref.substring(ref.lastIndexOf('/') + 1));
                    if (shared == null || !Json.write(shared).contains("#/components/schemas/Error")) {
                        withoutErrorBody.add(operation + " " + status);
                    }
                }
            });
        }
        assertEquals(List.of(), withoutErrorBody);
    }

    /**
     * Admission control and a drain refuse any request but the probes' and the metrics' with 503: every other
     * operation says so, with both codes and the Retry-After that comes with an overload.
     */
    @Test
    @SuppressWarnings("unchecked")
    void everyOperationTheGatewayMayRefuseDocumentsTheRefusal() {
        List<String> wrong = new ArrayList<>();
        for (String operation : documentedOperations()) {
            Object busy = ((Map<String, Object>) operation(operation).get("responses")).get("503");
            boolean documented = busy instanceof Map<?, ?> ref
                    && "#/components/responses/Unavailable".equals(ref.get("$ref"));
            if (documented == NeverRefused.path(operation.split(" ", 2)[1])) {
                wrong.add(operation + (documented ? " documents" : " does not document") + " the refusal");
            }
        }
        assertEquals(List.of(), wrong);
        Map<String, Object> unavailable = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>)
                document.get("components")).get("responses")).get("Unavailable");
        String described = String.valueOf(unavailable.get("description"));
        assertTrue(described.contains("gateway_overloaded") && described.contains("server_shutting_down"), described);
        assertTrue(((Map<String, Object>) unavailable.get("headers")).containsKey("Retry-After"));
    }

    @Test
    void explorerIsServedFromTheJarAlone() throws Exception {
        HttpResponse<String> page = gateway.send(HttpRequest.newBuilder(gateway.uri("/docs")));
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("content-type").orElse("").startsWith("text/html"));
        for (String asset : List.of("/docs/swagger-ui-bundle.js", "/docs/swagger-ui.css", "/docs/docs.js")) {
            assertTrue(page.body().contains(asset), asset);
            HttpResponse<String> file = gateway.send(HttpRequest.newBuilder(gateway.uri(asset)));
            assertEquals(200, file.statusCode(), asset);
            assertFalse(file.body().isEmpty(), asset);
        }
        String script = gateway.send(HttpRequest.newBuilder(gateway.uri("/docs/docs.js"))).body();
        assertFalse((page.body() + script).matches("(?s).*(src|href|url)\\s*[=:]\\s*\"https?://.*"),
                "the explorer must load nothing from outside the gateway");
        assertEquals(404, gateway.send(HttpRequest.newBuilder(gateway.uri("/docs/..%2Fopenapi.yaml"))).statusCode());
    }

    @Test
    void oneSettingTurnsTheDocsOff(@TempDir Path otherConfig) throws Exception {
        try (RunningGateway quiet = RunningGateway.start(otherConfig, "upstreams: []\n",
                Map.of("GATEWAY_API_DOCS", "false"))) {
            for (String path : List.of("/openapi", "/docs")) {
                HttpResponse<String> response = quiet.send(HttpRequest.newBuilder(quiet.uri(path)));
                assertEquals(404, response.statusCode(), path);
                assertTrue(response.body().contains("unknown_url"), response.body());
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Set<String> documentedOperations() {
        Set<String> operations = new TreeSet<>();
        ((Map<String, Object>) document.get("paths")).forEach((path, item) ->
                ((Map<String, Object>) item).keySet().forEach(method ->
                        operations.add(method.toUpperCase(java.util.Locale.ROOT) + " " + path)));
        return operations;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> operation(String operation) {
        String[] parts = operation.split(" ", 2);
        Map<String, Object> item = (Map<String, Object>) ((Map<String, Object>) document.get("paths")).get(parts[1]);
        return (Map<String, Object>) item.get(parts[0].toLowerCase(java.util.Locale.ROOT));
    }

    /** Calls {@code operation} with its documented path parameters' examples and an empty JSON body. */
    @SuppressWarnings("unchecked")
    private static HttpResponse<String> call(String operation, String key) throws Exception {
        String[] parts = operation.split(" ", 2);
        String path = parts[1];
        for (Object parameter : (List<Object>) operation(operation).getOrDefault("parameters", List.of())) {
            Map<String, Object> p = (Map<String, Object>) parameter;
            if ("path".equals(p.get("in"))) {
                path = path.replace("{" + p.get("name") + "}", String.valueOf(p.getOrDefault("example", "x")));
            }
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(gateway.uri(path))
                .header("Content-Type", "application/json")
                .method(parts[0], parts[0].equals("GET") || parts[0].equals("DELETE")
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString("{}"));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return gateway.send(request);
    }
}
