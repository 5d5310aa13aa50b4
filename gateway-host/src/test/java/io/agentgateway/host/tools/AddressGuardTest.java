package io.agentgateway.host.tools;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    void refusesIpv6FormsThatCarryTheMetadataAddress() {
        for (String url : new String[] {"http://[::a9fe:a9fe]/", "http://[64:ff9b::a9fe:a9fe]/latest/meta-data/",
                "http://[64:ff9b::169.254.169.254]/", "http://[2002:a9fe:a9fe::]/", "http://[2002:a9fe:a9fe:1::5]/",
                "http://[2001:0:4136:e378:8000:63bf:5601:5601]/", "http://[2001:db8::5efe:a9fe:a9fe]/",
                "http://[::6464:64c8]/"}) {
            SecurityException refused = assertThrows(SecurityException.class,
                    () -> AddressGuard.check(URI.create(url)), url);
            assertTrue(refused.getMessage().contains("inside"), refused.getMessage());
        }
    }

    @Test
    void allowsIpv6AddressesThatCarryAnOrdinaryIpv4Address() {
        assertDoesNotThrow(() -> AddressGuard.check(URI.create("http://[64:ff9b::a00:5]/")));
        assertDoesNotThrow(() -> AddressGuard.check(URI.create("http://[2002:a00:5::]/")));
        assertDoesNotThrow(() -> AddressGuard.check(URI.create("http://[::1]/")));
    }

    @Test
    void allowsOrdinaryAddresses() {
        assertDoesNotThrow(() -> AddressGuard.check(URI.create("http://127.0.0.1:9000/echo")));
        assertDoesNotThrow(() -> AddressGuard.check(URI.create("http://10.0.0.5/api")));
    }
}
