package io.agentgateway.httpclient;

import io.agentgateway.api.http.HttpClientOptions;
import io.helidon.common.configurable.Resource;
import io.helidon.common.tls.Tls;
import io.helidon.common.tls.TlsConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The TLS settings of a client, from PEM files: certificates to trust, and a client certificate with its key. */
final class TlsFiles {

    private TlsFiles() {
    }

    /**
     * @return the client's TLS, or empty for the JVM's defaults (its trusted certificates, no client certificate)
     * @throws IllegalArgumentException when a file is missing or holds no usable certificate or key
     */
    static Optional<Tls> of(HttpClientOptions options) {
        if (options.trustedCertificates().isEmpty() && options.clientCertificate().isEmpty()) {
            return Optional.empty();
        }
        TlsConfig.Builder tls = TlsConfig.builder().endpointIdentificationAlgorithm("HTTPS");
        options.trustedCertificates().ifPresent(file -> tls.trust(keys -> keys.pem(
                pem -> pem.certificates(resource(file, "trusted certificates")))));
        if (options.clientCertificate().isPresent()) {
            Path chain = options.clientCertificate().get();
            Path key = options.clientKey().orElseThrow();
            tls.privateKey(keys -> keys.pem(pem -> pem.key(resource(key, "client key"))));
            tls.privateKeyCertChain(keys -> keys.pem(pem -> pem.certChain(resource(chain, "client certificate"))));
        }
        try {
            return Optional.of(Tls.create(tls.buildPrototype()));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the TLS files cannot be used: " + e.getMessage(), e);
        }
    }

    private static Resource resource(Path file, String what) {
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException("the " + what + " file " + file + " cannot be read");
        }
        return Resource.create(file);
    }
}
