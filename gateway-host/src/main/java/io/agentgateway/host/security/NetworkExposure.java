package io.agentgateway.host.security;

import io.agentgateway.host.config.ConfigException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.MessageDigest;

/**
 * The shipped development key ({@code dev-secret}, printed in the README) and {@code auth: none} serve this machine
 * only: a gateway listening on any other address (a container's {@code 0.0.0.0}, say) with either would hand its
 * admin routes, or every route, to whoever reaches it. Such a configuration is refused with what to set instead.
 */
public final class NetworkExposure {

    /** The value config/security.yaml falls back to when GATEWAY_DEV_KEY is not set. */
    static final String SHIPPED_DEV_KEY = "dev-secret";
    private static final byte[] SHIPPED_DEV_KEY_SHA256 = ApiKeyStore.sha256(SHIPPED_DEV_KEY);

    private NetworkExposure() {
    }

    /**
     * @param bindHost {@code GATEWAY_HOST}
     * @throws ConfigException when {@code bindHost} is not a loopback address and the config has the shipped key or
     *     runs without keys
     */
    public static void check(String bindHost, SecurityConfig config, String where) {
        if (loopback(bindHost)) {
            return;
        }
        String fix = " Set GATEWAY_DEV_KEY to a secret of your own (for example `export GATEWAY_DEV_KEY=$(openssl rand"
                + " -hex 32)`; in a container `docker run -e GATEWAY_DEV_KEY=...`), or put your own keys in "
                + where + ", or set GATEWAY_HOST=127.0.0.1 to serve this machine only.";
        if (config.open()) {
            throw new ConfigException(where + ": 'auth: none' serves this machine only, but GATEWAY_HOST is "
                    + bindHost + "." + fix);
        }
        for (ApiKey key : config.keys()) {
            if (MessageDigest.isEqual(key.secretSha256(), SHIPPED_DEV_KEY_SHA256)) {
                throw new ConfigException(where + ": key '" + key.id() + "' is the shipped development key,"
                        + " which serves this machine only, but GATEWAY_HOST is " + bindHost + "." + fix);
            }
        }
    }

    /** An address that does not resolve counts as not loopback: the check then holds rather than lapses. */
    static boolean loopback(String host) {
        try {
            InetAddress[] addresses = InetAddress.getAllByName(host);
            for (InetAddress address : addresses) {
                if (!address.isLoopbackAddress()) {
                    return false;
                }
            }
            return addresses.length > 0;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
