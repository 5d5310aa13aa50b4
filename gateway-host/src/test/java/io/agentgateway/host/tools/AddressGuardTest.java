package io.agentgateway.host.tools;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import org.junit.jupiter.api.Test;

class AddressGuardTest {

    @Test
    void refusesMetadataAndLinkLocalAddresses() {
        for (String url : new String[] {"http://169.254.169.254/latest/meta-data/", "http://169.254.1.1:8080/x",
                "http://[fd00:ec2::254]/", "http://[fe80::1]/", "http://metadata.google.internal/computeMetadata/v1/",
                "http://METADATA.GOOGLE.INTERNAL./", "http://100.100.100.200/latest/meta-data",
                "http://[::ffff:169.254.169.254]/"}) {
            assertThrows(SecurityException.class, () -> AddressGuard.check(URI.create(url)), url);
        }
    }

    @Test
    void allowsOrdinaryAddresses() {
        assertDoesNotThrow(() -> AddressGuard.check(URI.create("http://127.0.0.1:9000/echo")));
        assertDoesNotThrow(() -> AddressGuard.check(URI.create("http://10.0.0.5/api")));
    }
}
