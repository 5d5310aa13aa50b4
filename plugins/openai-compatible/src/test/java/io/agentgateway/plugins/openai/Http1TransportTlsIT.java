package io.agentgateway.plugins.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.openai.core.RequestOptions;
import com.openai.core.http.HttpMethod;
import com.openai.core.http.HttpRequest;
import com.openai.core.http.HttpResponse;
import com.openai.errors.OpenAIIoException;
import io.agentgateway.plugins.openai.ScriptedServer.Answer;
import java.io.FileInputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * https upstreams (OpenAI's own API is one): the transport speaks TLS and checks that the certificate names the host
 * it called. Certificates are made for the test by the JDK's keytool and trusted by the client alone.
 */
class Http1TransportTlsIT {

    private static final char[] PASSWORD = "changeit".toCharArray();

    @TempDir
    Path dir;

    @Test
    void anHttpsUpstreamWhoseCertificateNamesItAnswers() throws Exception {
        KeyStore keys = keyStore("SAN=ip:127.0.0.1");
        try (ScriptedServer server = tlsServer(keys); Http1Transport transport = transport(server, keys)) {
            server.answer(Answer.of("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"),
                    Answer.of("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"));
            assertEquals("ok", text(transport.execute(post(server), RequestOptions.none())));
            assertEquals("ok", text(transport.execute(post(server), RequestOptions.none())));
            assertEquals(1, server.connections());
        }
    }

    @Test
    void aCertificateForAnotherHostIsRefused() throws Exception {
        KeyStore keys = keyStore("SAN=dns:elsewhere.example");
        try (ScriptedServer server = tlsServer(keys); Http1Transport transport = transport(server, keys)) {
            OpenAIIoException failure = assertThrows(OpenAIIoException.class,
                    () -> transport.execute(post(server), RequestOptions.none()));
            assertInstanceOf(SSLException.class, failure.getCause());
            assertEquals(0, server.requests().size());
        }
    }

    private KeyStore keyStore(String subjectAlternativeNames) throws Exception {
        Path file = dir.resolve("upstream.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "upstream", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=upstream", "-ext", subjectAlternativeNames, "-validity", "2",
                "-keystore", file.toString(), "-storetype", "PKCS12",
                "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, keytool.waitFor(), output);
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(file.toFile())) {
            keys.load(in, PASSWORD);
        }
        return keys;
    }

    private static ScriptedServer tlsServer(KeyStore keys) throws Exception {
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), null, null);
        return new ScriptedServer(context.getServerSocketFactory()
                .createServerSocket(0, 50, InetAddress.getLoopbackAddress()), "https");
    }

    /** A client that trusts the test's certificate, and nothing else. */
    private static Http1Transport transport(ScriptedServer server, KeyStore trusted) throws Exception {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return new Http1Transport(Origin.of(server.baseUrl()), Duration.ofSeconds(5), 4, Duration.ofMinutes(1),
                context.getSocketFactory());
    }

    private static HttpRequest post(ScriptedServer server) {
        return HttpRequest.builder().method(HttpMethod.POST).baseUrl(server.baseUrl())
                .addPathSegments("chat", "completions").build();
    }

    private static String text(HttpResponse response) throws Exception {
        try (response) {
            return new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
