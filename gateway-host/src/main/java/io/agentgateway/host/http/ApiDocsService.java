package io.agentgateway.host.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.agentgateway.host.json.Json;
import io.helidon.common.LazyValue;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * {@code GET /openapi}, the OpenAPI 3.1 document of every route, and {@code GET /docs}, an explorer of it (Swagger UI,
 * from its webjar in the gateway's jar: no CDN). Both describe the API and hold no data, so they need no key.
 */
public final class ApiDocsService implements HttpService {

    private static final String DOCUMENT = "io/agentgateway/host/http/openapi.yaml";
    private static final String SWAGGER_UI = "META-INF/maven/org.webjars/swagger-ui/pom.properties";

    /**
     * The document as served, made by the first request for it: reading the 30 KB of YAML was the largest single
     * piece of the gateway's start on its main thread, for a page most starts never serve.
     */
    private final LazyValue<byte[]> document = LazyValue.create(() -> Json.writeBytes(openApiDocument()));
    private final BundledFiles pages = new BundledFiles("io/agentgateway/host/http/docs/", "no-cache");
    private final BundledFiles explorer = new BundledFiles(
            "META-INF/resources/webjars/swagger-ui/" + swaggerUiVersion() + "/", "public, max-age=86400");

    @Override
    public void routing(HttpRules rules) {
        rules.get("/openapi", this::openapi)
                .get("/docs", (req, res) -> pages.send("index.html", res))
                .get("/docs/{file}", this::file);
    }

    private void openapi(ServerRequest req, ServerResponse res) {
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(document.get());
    }

    private void file(ServerRequest req, ServerResponse res) {
        String name = req.path().pathParameters().get("file");
        (pages.has(name) ? pages : explorer).send(name, res);
    }

    /** @return the document, read once from the YAML the gateway ships (YAML for people to edit, JSON to serve) */
    public static Object openApiDocument() {
        try (InputStream in = resource(DOCUMENT)) {
            return new ObjectMapper(new YAMLFactory()).readValue(in, Object.class);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + DOCUMENT, e);
        }
    }

    /** The webjar names its version once, in its Maven properties; the asset folder is named after it. */
    private static String swaggerUiVersion() {
        Properties properties = new Properties();
        try (InputStream in = resource(SWAGGER_UI)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + SWAGGER_UI, e);
        }
        return properties.getProperty("version");
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = ApiDocsService.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IOException(name + " is missing from the gateway's jar");
        }
        return in;
    }
}
