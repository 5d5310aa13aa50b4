package io.agentgateway.host.tools;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;

/**
 * Keeps HTTP tools away from cloud metadata services, which hand out credentials to anything that can reach them from
 * the gateway's host. Refuses link-local addresses (169.254.0.0/16, fe80::/10, where AWS, GCP, Azure and OpenStack
 * serve metadata), the AWS IPv6 metadata address, Alibaba's metadata address, and the well-known metadata host names.
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
            if (address.isLinkLocalAddress() || METADATA_ADDRESSES.contains(address.getHostAddress())) {
                throw new SecurityException("'" + host + "' resolves to " + address.getHostAddress()
                        + ", a link-local or cloud metadata address");
            }
        }
    }
}
