package io.agentgateway.host.tools;

import static java.util.Objects.requireNonNull;

import io.agentgateway.api.http.HttpClient;
import io.agentgateway.api.http.HttpRequest;
import io.agentgateway.api.http.HttpResponse;
import io.agentgateway.api.tool.ToolContext;
import io.agentgateway.host.config.YamlFiles;
import io.agentgateway.host.json.Json;
import io.agentgateway.host.observe.Secrets;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * A tool declared in tools.yaml that calls an HTTP endpoint through the host's HTTP client (the proxy settings of the
 * environment, the address guard unless the tool allows link-local addresses, the host's limits on an answer): GET
 * sends the arguments as query parameters, every other method as a JSON body. The response body is the result; a
 * redirect or a status of 400 or more is a failure the model sees (a redirect is never followed, so the address guard
 * judges every address called). The body is read only as far as the result limit, so a huge response costs no more
 * memory than the part kept.
 */
final class HttpTool implements BoundedToolFunction {

    private static final int ERROR_BODY_CHARS = 500;

    private final URI url;
    private final String method;
    private final Map<String, String> headers;
    private final Duration timeout;
    private final HttpClient client;

    HttpTool(URI url, String method, Map<String, String> headers, Duration timeout, HttpClient client) {
        this.url = requireNonNull(url, "url is null");
        this.method = requireNonNull(method, "method is null");
        this.headers = Map.copyOf(headers);
        this.timeout = requireNonNull(timeout, "timeout is null");
        this.client = requireNonNull(client, "client is null");
    }

    @Override
    public String call(Map<String, Object> arguments, ToolContext context, int maxChars) throws Exception {
        boolean get = method.equals("GET");
        HttpRequest.Builder request = get ? HttpRequest.get(withQuery(url, arguments))
                : HttpRequest.builder(method, url).body(Json.writeBytes(arguments))
                        .header("Content-Type", "application/json");
        request.timeout(timeout);
        // ${ENV} in header values is resolved at call time too, so a rotated secret needs no refresh
        headers.forEach((name, value) -> request.header(name,
                remembered(name, YamlFiles.substitute(value, System::getenv))));
        if (context.requestId() != null) {
            request.header("x-request-id", context.requestId());
        }
        // closing the response before the body's end drops the connection, so the rest is never transferred
        try (HttpResponse response = client.send(request.build()); InputStream body = response.body()) {
            if (response.status() >= 300 && response.status() < 400) {
                // following it would reach an address the guard never saw; the tool's URL is what was configured
                throw new IllegalStateException("HTTP " + response.status() + " from " + url.getHost()
                        + ": the redirect is not followed; point the tool's url in tools.yaml at the final address");
            }
            if (response.status() >= 400) {
                String text = read(body, ERROR_BODY_CHARS + 1);
                throw new IllegalStateException("HTTP " + response.status() + " from " + url.getHost() + ": "
                        + (text.length() > ERROR_BODY_CHARS ? text.substring(0, ERROR_BODY_CHARS) + "..." : text));
            }
            return read(body, maxChars <= 0 ? Integer.MAX_VALUE : (int) Math.min(Integer.MAX_VALUE, maxChars + 1L));
        }
    }

    /** @return the body as UTF-8 text, but no more than {@code limit} characters of it */
    private static String read(InputStream body, int limit) throws IOException {
        Reader reader = new InputStreamReader(body, StandardCharsets.UTF_8);
        StringBuilder text = new StringBuilder();
        char[] buffer = new char[8192];
        int n;
        while (text.length() < limit
                && (n = reader.read(buffer, 0, Math.min(buffer.length, limit - text.length()))) >= 0) {
            text.append(buffer, 0, n);
        }
        return text.toString();
    }

    /** A credential the tool sends is never repeated back to the model by the server's error answer. */
    private static String remembered(String headerName, String value) {
        if (headerName.matches("(?i).*(auth|key|token|secret|cookie).*")) {
            Secrets.register(value);
            Secrets.register(value.replaceFirst("(?i)^(bearer|basic|token)\\s+", ""));
        }
        return value;
    }

    static URI withQuery(URI base, Map<String, Object> arguments) {
        if (arguments.isEmpty()) {
            return base;
        }
        StringJoiner query = new StringJoiner("&");
        arguments.forEach((name, value) -> {
            if (value instanceof List<?> values) {
                values.forEach(v -> query.add(encode(name) + "=" + encode(text(v))));
            } else if (value != null) {
                query.add(encode(name) + "=" + encode(text(value)));
            }
        });
        String s = base.toString();
        return URI.create(s + (base.getRawQuery() == null ? "?" : "&") + query);
    }

    private static String text(Object value) {
        return value instanceof Map<?, ?> || value instanceof List<?> ? Json.write(value) : String.valueOf(value);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
