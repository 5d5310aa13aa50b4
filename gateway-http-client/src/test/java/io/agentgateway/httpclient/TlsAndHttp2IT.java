package io.agentgateway.httpclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgateway.api.http.HttpClient;
import io.agentgateway.api.http.HttpClientOptions;
import io.agentgateway.api.http.HttpRequest;
import io.agentgateway.api.http.HttpResponse;
import io.helidon.common.tls.Tls;
import io.helidon.common.tls.TlsClientAuth;
import io.agentgateway.mock.ScriptedServer;
import io.agentgateway.mock.ScriptedServer.Answer;
import io.helidon.webserver.WebServer;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * https upstreams: HTTP/2 when the server offers it, certificates trusted from a PEM file instead of the JVM's, a
 * client certificate for servers that ask for one. The servers are Helidon's, started by each test with certificates
 * keytool makes for it.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TlsAndHttp2IT {

    @TempDir
    Path dir;

    @Test
    void aServerThatOffersHttp2IsCalledOverHttp2() throws Exception {
        TestCertificates server = TestCertificates.create(dir, "upstream", "SAN=ip:127.0.0.1,dns:localhost");
        WebServer web = serve(server.serverContext(null), false);
        try (HttpClient client = TestClients.client(HttpClientOptions.builder()
                .trustedCertificates(server.certificatePem()).build())) {
            for (int i = 0; i < 2; i++) {
                try (HttpResponse response = client.send(post(web))) {
                    assertEquals(200, response.status());
                    assertEquals("2.0 hello", new String(response.bodyBytes(), StandardCharsets.UTF_8));
                    assertEquals("HTTP/2", response.protocol());
                }
            }
        } finally {
            web.stop();
        }
    }

    @Test
    void aPluginsClassLoaderInTheThreadDoesNotKeepHttp2Away() throws Exception {
        TestCertificates server = TestCertificates.create(dir, "upstream", "SAN=ip:127.0.0.1,dns:localhost");
        WebServer web = serve(server.serverContext(null), false);
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        // A plugin's class loader shares only the API with the host: it sees none of Helidon's protocols.
        thread.setContextClassLoader(new java.net.URLClassLoader(new java.net.URL[0], null));
        try (HttpClient client = TestClients.client(HttpClientOptions.builder()
                .trustedCertificates(server.certificatePem()).build());
             HttpResponse response = client.send(post(web))) {
            assertEquals("HTTP/2", response.protocol());
            assertEquals("2.0 hello", new String(response.bodyBytes(), StandardCharsets.UTF_8));
        } finally {
            thread.setContextClassLoader(previous);
            web.stop();
        }
    }

    @Test
    void aCertificateTheClientDoesNotTrustIsRefused() throws Exception {
        TestCertificates server = TestCertificates.create(dir, "upstream", "SAN=ip:127.0.0.1,dns:localhost");
        WebServer web = serve(server.serverContext(null), false);
        try (HttpClient jvmTrust = TestClients.client(HttpClientOptions.defaults())) {
            assertThrows(IOException.class, () -> jvmTrust.send(post(web)));
        } finally {
            web.stop();
        }
    }

    @Test
    void aCertificateForAnotherHostIsRefused() throws Exception {
        TestCertificates server = TestCertificates.create(dir, "elsewhere", "SAN=dns:elsewhere.example");
        WebServer web = serve(server.serverContext(null), false);
        try (HttpClient client = TestClients.client(HttpClientOptions.builder()
                .trustedCertificates(server.certificatePem()).build())) {
            assertThrows(IOException.class, () -> client.send(post(web)));
        } finally {
            web.stop();
        }
    }

    @Test
    void aClientCertificateFromPemFilesIsPresentedToAServerThatDemandsOne() throws Exception {
        TestCertificates server = TestCertificates.create(dir, "upstream", "SAN=ip:127.0.0.1,dns:localhost");
        TestCertificates gateway = TestCertificates.create(dir, "gateway", "SAN=dns:gateway.example");
        WebServer web = serve(server.serverContext(gateway), true);
        try (HttpClient withCertificate = TestClients.client(HttpClientOptions.builder()
                .trustedCertificates(server.certificatePem())
                .clientCertificate(gateway.certificatePem(), gateway.privateKeyPem()).build());
             HttpClient without = TestClients.client(HttpClientOptions.builder()
                     .trustedCertificates(server.certificatePem()).build())) {
            try (HttpResponse response = withCertificate.send(post(web))) {
                assertEquals(200, response.status());
            }
            assertThrows(IOException.class, () -> {
                try (HttpResponse response = without.send(post(web))) {
                    response.bodyBytes();
                }
            });
        } finally {
            web.stop();
        }
    }

    @Test
    void aMissingCertificateFileIsRefusedWhenTheClientIsMade() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TestClients.client(
                HttpClientOptions.builder().trustedCertificates(dir.resolve("missing.pem")).build()));
        assertTrue(e.getMessage().contains("missing.pem"), e.getMessage());
    }

    /**
     * An https server that speaks HTTP/1.1 only: after a first call, calls go out on kept-alive connections that
     * Helidon's pool holds (not the client's own, which keeps plain-http ones), and a call interrupted as it takes one
     * (while the pool's watch of the idle connection is being ended) still closes it at once.
     */
    @Test
    void anInterruptedCallOnAKeptHttpsConnectionClosesIt() throws Exception {
        TestCertificates certificates = TestCertificates.create(dir, "upstream", "SAN=ip:127.0.0.1,dns:localhost");
        String ok = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}";
        try (ScriptedServer server = new ScriptedServer(certificates.serverContext(null).getServerSocketFactory()
                        .createServerSocket(0, 50, InetAddress.getLoopbackAddress()), "https");
             HttpClient client = TestClients.client(HttpClientOptions.builder()
                     .trustedCertificates(certificates.certificatePem()).build())) {
            server.answer(Answer.of(ok), Answer.of(ok), Answer.thenSilence(""));
            URI models = URI.create("https://127.0.0.1:" + server.port() + "/v1/models");
            for (int i = 0; i < 2; i++) {
                try (HttpResponse warm = client.send(HttpRequest.get(models).build())) {
                    assertEquals("HTTP/1.1", warm.protocol());
                    warm.bodyBytes();
                }
            }
            int connections = server.connections();
            CompletableFuture<Throwable> outcome = new CompletableFuture<>();
            Thread caller = Thread.ofVirtual().start(() -> {
                try {
                    client.send(HttpRequest.get(models).build());
                    outcome.complete(null);
                } catch (Throwable e) {
                    outcome.complete(e);
                }
            });
            Await.until("the third call to reach the server", () -> server.requests().size() >= 3);
            assertEquals(connections, server.connections(), "the call went out on a kept connection");
            caller.interrupt();
            assertInstanceOf(InterruptedIOException.class, outcome.get(20, TimeUnit.SECONDS));
            assertTrue(server.awaitClientDisconnect(Duration.ofSeconds(20)),
                    "the interrupted call's connection was closed");
        }
    }

    private static WebServer serve(SSLContext tls, boolean demandClientCertificate) {
        return WebServer.builder()
                .host("127.0.0.1")
                .port(0)
                .tls(Tls.builder().sslContext(tls)
                        .clientAuth(demandClientCertificate ? TlsClientAuth.REQUIRED : TlsClientAuth.NONE).build())
                .routing(routing -> routing.post("/v1/echo", (req, res) -> res.send(
                        req.prologue().protocolVersion() + " " + req.content().as(String.class))))
                .build()
                .start();
    }

    private static HttpRequest post(WebServer web) {
        return HttpRequest.post(URI.create("https://127.0.0.1:" + web.port() + "/v1/echo"),
                "hello".getBytes(StandardCharsets.UTF_8), "text/plain").build();
    }
}
