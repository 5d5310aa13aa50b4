package io.agentgateway.httpclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgateway.api.http.HttpClient;
import io.agentgateway.api.http.HttpClientOptions;
import io.agentgateway.api.http.HttpRequest;
import io.agentgateway.api.http.HttpResponse;
import io.agentgateway.mock.ScriptedServer;
import io.agentgateway.mock.ScriptedServer.Answer;
import io.helidon.common.tls.Tls;
import io.helidon.webserver.WebServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Calls through a real HTTP proxy: tinyproxy (Debian's {@code tinyproxy} package), started by the test as its own
 * process. https goes through a CONNECT tunnel, with the upstream's certificate checked end to end; plain http is
 * forwarded by the proxy.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ProxyIT {

    @TempDir
    Path dir;
    private Process proxy;
    private int proxyPort;

    @BeforeEach
    void startProxy() throws Exception {
        Path binary = List.of(Path.of("/usr/bin/tinyproxy"), Path.of("/usr/sbin/tinyproxy")).stream()
                .filter(Files::isExecutable).findFirst()
                .orElseThrow(() -> new IllegalStateException("tinyproxy is missing: apt-get install tinyproxy"));
        try (ServerSocket probe = new ServerSocket(0)) {
            proxyPort = probe.getLocalPort();
        }
        Path config = dir.resolve("tinyproxy.conf");
        Files.writeString(config, """
                Port %d
                Listen 127.0.0.1
                Timeout 30
                Allow 127.0.0.1
                LogLevel Info
                LogFile "%s"
                MaxClients 20
                """.formatted(proxyPort, dir.resolve("proxy.log")));
        proxy = new ProcessBuilder(binary.toString(), "-d", "-c", config.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("proxy.out").toFile()).start();
        awaitListening(proxyPort);
    }

    @AfterEach
    void stopProxy() throws InterruptedException {
        proxy.destroy();
        if (!proxy.waitFor(10, TimeUnit.SECONDS)) {
            proxy.destroyForcibly();
        }
    }

    @Test
    void anHttpsCallTunnelsThroughTheProxyWithCONNECT() throws Exception {
        TestCertificates certificates = TestCertificates.create(dir, "upstream", "SAN=ip:127.0.0.1,dns:localhost");
        WebServer upstream = WebServer.builder().host("127.0.0.1").port(0)
                .tls(Tls.builder().sslContext(certificates.serverContext(null)).build())
                .routing(routing -> routing.get("/v1/models", (req, res) -> res.send("{\"data\":[]}")))
                .build().start();
        int port = upstream.port();
        try (HttpClient client = TestClients.client(HttpClientOptions.builder().proxy(proxyUri())
                .trustedCertificates(certificates.certificatePem()).build());
             HttpResponse response = client.send(HttpRequest.get(
                     URI.create("https://127.0.0.1:" + port + "/v1/models")).build())) {
            assertEquals(200, response.status());
            assertEquals("{\"data\":[]}", new String(response.bodyBytes(), StandardCharsets.UTF_8));
        } finally {
            upstream.stop();
        }
        stopProxy(); // tinyproxy writes its log out as it exits
        String log = Files.readString(dir.resolve("proxy.log")) + Files.readString(dir.resolve("proxy.out"));
        assertTrue(log.contains("CONNECT") && log.contains(":" + port + " HTTP/1.1"), log);
    }

    @Test
    void aPlainHttpCallIsForwardedByTheProxy() throws Exception {
        try (ScriptedServer upstream = new ScriptedServer();
             HttpClient client = TestClients.client(HttpClientOptions.builder().proxy(proxyUri()).build())) {
            upstream.answer(Answer.of("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"));
            try (HttpResponse response = client.send(HttpRequest.get(
                    URI.create("http://127.0.0.1:" + upstream.port() + "/v1/models")).build())) {
                assertEquals(200, response.status());
                assertEquals("ok", new String(response.bodyBytes(), StandardCharsets.UTF_8));
            }
            String received = upstream.requests().get(0);
            assertTrue(received.contains("Via: ") || received.contains("via: "), "the request came through "
                    + "the proxy, which names itself in Via: " + received);
        }
    }

    @Test
    void theEnvironmentsProxyIsUsedForHttpsAndNoProxyHostsGoDirect() throws Exception {
        try (ScriptedServer upstream = new ScriptedServer()) {
            upstream.answer(Answer.of("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"),
                    Answer.of("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"));
            // Loopback always goes direct; a name that resolves to it but is not spelt as loopback does not.
            Map<String, String> env = Map.of("HTTP_PROXY", "127.0.0.1:" + proxyPort, "NO_PROXY", "direct.test");
            try (HttpClient client = TestClients.factory(env).create(HttpClientOptions.defaults())) {
                try (HttpResponse response = client.send(HttpRequest.get(
                        URI.create("http://127.0.0.1:" + upstream.port() + "/v1/models")).build())) {
                    assertEquals(200, response.status());
                }
                assertTrue(!upstream.requests().get(0).contains("Via: "), "loopback went direct");
            }
        }
    }

    private URI proxyUri() {
        return URI.create("http://127.0.0.1:" + proxyPort);
    }

    private static void awaitListening(int port) throws InterruptedException {
        for (int attempt = 0; attempt < 500; attempt++) {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(20);
            }
        }
        throw new IllegalStateException("tinyproxy did not listen on " + port);
    }
}
