package io.agentgateway.host.tools;

import io.agentgateway.api.http.HttpClient;
import io.agentgateway.api.http.HttpClientOptions;
import io.agentgateway.httpclient.HttpClients;
import java.net.ProxySelector;
import java.time.Duration;

/**
 * The two clients HTTP tools call through, both the host's: one that refuses cloud metadata and link-local addresses
 * ({@link AddressGuard}), and one for the tools whose entry allows them. Made on first use, closed with the manager.
 * MCP servers over streamable HTTP are called by the MCP SDK's own JDK client, which gets the same proxies.
 */
final class ToolHttpClients implements AutoCloseable {

    private static final HttpClientOptions OPTIONS = HttpClientOptions.builder()
            .connectTimeout(Duration.ofSeconds(10)).build();

    private final HttpClients clients;
    private HttpClient guarded;
    private HttpClient unguarded;

    ToolHttpClients(HttpClients clients) {
        this.clients = clients;
    }

    /** @return the environment's proxies, for the MCP SDK's own client */
    ProxySelector proxies() {
        return clients.environmentProxies();
    }

    /** @param allowLinkLocal whether the tool may call link-local and metadata addresses */
    synchronized HttpClient client(boolean allowLinkLocal) {
        if (allowLinkLocal) {
            if (unguarded == null) {
                unguarded = clients.create(OPTIONS);
            }
            return unguarded;
        }
        if (guarded == null) {
            guarded = clients.create(OPTIONS, AddressGuard::check);
        }
        return guarded;
    }

    @Override
    public synchronized void close() {
        if (guarded != null) {
            guarded.close();
        }
        if (unguarded != null) {
            unguarded.close();
        }
    }
}
