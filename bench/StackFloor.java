import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.WebClient;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/**
 * The least a gateway built on the gateway's stack can cost: a Helidon 4 SE web server whose one route,
 * {@code POST /v1/chat/completions}, sends the request's body to the upstream with Helidon's WebClient (connections
 * kept) and answers with what came back. No authentication, no filters, no metrics, no JSON parsing. bench/run starts
 * it as {@code java -cp <the gateway's libraries> bench/StackFloor.java <port> <upstream base URL>} with the gateway's
 * JVM options, next to the gateway, so that the gap between the two is what the gateway itself adds.
 *
 * <p>The upstream is the one named on the command line (the immediate mock), or the one in the request's
 * {@code X-Upstream} header (the streaming mock, for the streaming phase). A streamed answer is passed on as it
 * arrives, flushed after each read.
 */
public final class StackFloor {

    private static final HeaderName X_UPSTREAM = HeaderNames.create("X-Upstream");
    private static final String PATH = "/v1/chat/completions";

    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        String upstream = args[1];
        // The options the gateway's own client sets where they cost something on every call: HTTP/1.1 on plain http,
        // no write buffer of the connection's own, no Nagle delay on small writes, no services looked up.
        WebClient client = WebClient.builder()
                .protocolPreference(List.of(Http1Client.PROTOCOL_ID))
                .followRedirects(false)
                .sendExpectContinue(false)
                .servicesDiscoverServices(false)
                .writeBufferSize(0)
                .socketOptions(options -> options.tcpNoDelay(true))
                .build();
        WebServer server = WebServer.builder()
                .host("127.0.0.1")
                .port(port)
                .connectionOptions(options -> options.tcpNoDelay(true))
                .featuresDiscoverServices(false)
                .routing(routing -> routing.post(PATH, (req, res) -> forward(client, upstream, req, res)))
                .build()
                .start();
        System.out.println("stack floor listening on " + server.port());
    }

    private static void forward(WebClient client, String upstream, ServerRequest req, ServerResponse res)
            throws IOException {
        byte[] body = req.content().as(byte[].class);
        String base = req.headers().first(X_UPSTREAM).orElse(upstream);
        try (HttpClientResponse answer = client.post(base + PATH).header(HeaderValues.CONTENT_TYPE_JSON).submit(body)) {
            res.status(answer.status());
            String type = answer.headers().first(HeaderNames.CONTENT_TYPE).orElse("application/json");
            res.header(HeaderNames.CONTENT_TYPE, type);
            if (!type.startsWith("text/event-stream")) {
                res.send(answer.entity().as(byte[].class));
                return;
            }
            try (InputStream in = answer.inputStream(); OutputStream out = res.outputStream()) {
                byte[] buffer = new byte[8192];
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            }
        }
    }
}
