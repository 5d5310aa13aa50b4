package io.agentgateway.httpclient;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate and its key, made for a test by the JDK's keytool, as a key store (for servers) and as the
 * PEM files an operator would name in upstreams.yaml.
 *
 * @param keyStore the PKCS#12 store holding key and certificate
 * @param certificatePem the certificate, PEM
 * @param privateKeyPem the private key, PKCS#8 PEM
 */
record TestCertificates(KeyStore keyStore, Path certificatePem, Path privateKeyPem) {

    private static final char[] PASSWORD = "changeit".toCharArray();

    /** @param subjectAlternativeNames keytool's SAN extension, e.g. {@code SAN=ip:127.0.0.1} */
    static TestCertificates create(Path dir, String name, String subjectAlternativeNames) throws Exception {
        Path store = dir.resolve(name + ".p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=" + name, "-ext", subjectAlternativeNames, "-validity", "2",
                "-keystore", store.toString(), "-storetype", "PKCS12",
                "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (keytool.waitFor() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, PASSWORD);
        }
        Certificate certificate = keys.getCertificate(name);
        Path certificatePem = dir.resolve(name + ".pem");
        Files.writeString(certificatePem, pem("CERTIFICATE", certificate.getEncoded()));
        Path keyPem = dir.resolve(name + "-key.pem");
        Files.writeString(keyPem, pem("PRIVATE KEY", keys.getKey(name, PASSWORD).getEncoded()));
        return new TestCertificates(keys, certificatePem, keyPem);
    }

    /** @return a server's TLS context presenting this certificate, trusting {@code clients} (or none) */
    SSLContext serverContext(TestCertificates clients) throws Exception {
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keyStore, PASSWORD);
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(
                TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(clients == null ? null : clients.keyStore);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
        return context;
    }

    private static String pem(String type, byte[] der) throws IOException {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
