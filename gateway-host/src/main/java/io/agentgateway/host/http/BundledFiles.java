package io.agentgateway.host.http;

import io.agentgateway.host.openai.GatewayException;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;

/**
 * Files bundled in the gateway's own jars (web pages, their scripts and styles), served from one classpath folder each.
 * Nothing is fetched from elsewhere at run time, so the pages work offline and behind a proxy. Only plain file names
 * are served: a name with a slash or a dot-dot is simply not found.
 */
final class BundledFiles {

    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "png", "image/png",
            "svg", "image/svg+xml",
            "json", "application/json");

    private final String folder;
    private final String cacheControl;

    /**
     * @param folder a classpath folder, without leading slash, ending with one
     * @param cacheControl the {@code Cache-Control} the files are sent with
     */
    BundledFiles(String folder, String cacheControl) {
        this.folder = folder;
        this.cacheControl = cacheControl;
    }

    /** @return whether {@code name} is a file of this folder */
    boolean has(String name) {
        return servable(name) && BundledFiles.class.getClassLoader().getResource(folder + name) != null;
    }

    /** Sends the file {@code name}, or fails with a 404 when there is none. */
    void send(String name, ServerResponse res) {
        if (!has(name)) {
            throw new GatewayException(404, "invalid_request_error", "unknown_url", null,
                    "No such file: " + name);
        }
        byte[] content;
        try (InputStream in = BundledFiles.class.getClassLoader().getResourceAsStream(folder + name)) {
            content = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("reading the bundled file " + folder + name, e);
        }
        res.header(HeaderNames.CONTENT_TYPE, TYPES.getOrDefault(extension(name), "application/octet-stream"));
        res.header(HeaderNames.CACHE_CONTROL, cacheControl);
        res.header(HeaderNames.create("X-Content-Type-Options"), "nosniff");
        res.send(content);
    }

    private static boolean servable(String name) {
        return !name.isEmpty() && !name.contains("/") && !name.contains("\\") && !name.contains("..");
    }

    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
