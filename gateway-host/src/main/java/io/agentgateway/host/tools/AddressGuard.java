package io.agentgateway.host.tools;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * Keeps HTTP tools away from cloud metadata services, which hand out credentials to anything that can reach them from
 * the gateway's host. Refuses link-local addresses (169.254.0.0/16, fe80::/10, where AWS, GCP, Azure and OpenStack
 * serve metadata), the AWS IPv6 metadata address, Alibaba's metadata address, the well-known metadata host names, and
 * IPv6 addresses that carry one of those IPv4 addresses inside (NAT64, 6to4, Teredo, IPv4-compatible, ISATAP).
 * Checked before every call, on every address the name resolves to; redirects are not followed.
 */
final class AddressGuard {

    private static final Set<String> METADATA_HOSTS = Set.of(
            "metadata.google.internal", "metadata.goog", "metadata", "instance-data", "instance-data.ec2.internal");
    private static final Set<String> METADATA_ADDRESSES = Set.of("fd00:ec2:0:0:0:0:0:254", "100.100.100.200");

    private AddressGuard() {
    }

    /** @throws SecurityException when the URI's host is a metadata service or link-local */
    static void check(URI uri) throws UnknownHostException {
        String host = uri.getHost();
        if (host == null) {
            throw new SecurityException("the URL has no host");
        }
        String bare = host.toLowerCase(Locale.ROOT).replaceAll("^\\[|]$", "");
        if (bare.endsWith(".")) {
            bare = bare.substring(0, bare.length() - 1);
        }
        if (METADATA_HOSTS.contains(bare)) {
            throw new SecurityException("'" + host + "' is a cloud metadata host");
        }
        for (InetAddress address : InetAddress.getAllByName(bare)) {
            InetAddress embedded = embeddedIpv4(address);
            if (refused(address) || embedded != null && refused(embedded)) {
                throw new SecurityException("'" + host + "' resolves to " + address.getHostAddress()
                        + (embedded == null ? "" : " (IPv4 " + embedded.getHostAddress() + " inside)")
                        + ", a link-local or cloud metadata address");
            }
        }
    }

    private static boolean refused(InetAddress address) {
        return address.isLinkLocalAddress() || METADATA_ADDRESSES.contains(address.getHostAddress());
    }

    /**
     * The IPv4 address an IPv6 one carries, where a network on the way may deliver it to that IPv4 address:
     * IPv4-compatible ({@code ::a.b.c.d}), NAT64 ({@code 64:ff9b::/96}), 6to4 ({@code 2002:aabb:ccdd::/48}), Teredo
     * ({@code 2001:0::/32}, the client address inverted) and ISATAP ({@code ...:0:5efe:a.b.c.d}). IPv4-mapped addresses
     * ({@code ::ffff:a.b.c.d}) the JDK already resolves to IPv4.
     *
     * @return that IPv4 address, or null
     */
    static InetAddress embeddedIpv4(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return null;
        }
        byte[] b = address.getAddress();
        byte[] v4;
        if (allZero(b, 0, 12) && !allZero(b, 12, 16)) {
            v4 = Arrays.copyOfRange(b, 12, 16);
        } else if (startsWith(b, 0x00, 0x64, 0xff, 0x9b) && allZero(b, 4, 12)) {
            v4 = Arrays.copyOfRange(b, 12, 16);
        } else if (startsWith(b, 0x20, 0x02)) {
            v4 = Arrays.copyOfRange(b, 2, 6);
        } else if (startsWith(b, 0x20, 0x01, 0x00, 0x00)) {
            v4 = Arrays.copyOfRange(b, 12, 16);
            for (int i = 0; i < 4; i++) {
                v4[i] = (byte) ~v4[i];
            }
        } else if ((b[8] & 0xfd) == 0x00 && b[9] == 0 && (b[10] & 0xff) == 0x5e && (b[11] & 0xff) == 0xfe) {
            v4 = Arrays.copyOfRange(b, 12, 16);
        } else {
            return null;
        }
        try {
            return InetAddress.getByAddress(v4);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are an IPv4 address", e);
        }
    }

    private static boolean allZero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xff) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
