package io.agentgateway.host.tools;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ProxySelector;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An MCP server over streamable HTTP is held to the address guard of HTTP tools: metadata addresses are refused. */
class McpAddressGuardTest {

    @Test
    void anMcpServerAtACloudMetadataAddressIsNeverCalled() throws Exception {
        ToolsConfig.McpServerSpec spec = new ToolsConfig.McpServerSpec("metadata", null, List.of(), Map.of(),
                URI.create("http://169.254.169.254/mcp"), Map.of(), Duration.ofSeconds(2), null, List.of(),
                Duration.ofSeconds(30));
        try (McpServerConnection connection = new McpServerConnection(spec, () -> { },
                ProxySelector.of(null))) {
            connection.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (connection.lastError() == null && System.nanoTime() < deadline) {
                Thread.sleep(10); // the supervisor reports the refused connection as the server being down
            }
            assertFalse(connection.up());
            assertTrue(String.valueOf(connection.lastError()).contains("link-local or cloud metadata"),
                    String.valueOf(connection.lastError()));
        }
    }
}
