package io.agentgateway.host.tools;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The MCP reference server from npm, run over stdio with npx. Tests that need it fail (never skip) when npx is
 * missing. The npm cache lives in a folder of our own: {@code GATEWAY_TEST_NPM_CACHE}, else one under the temp dir.
 */
public final class EverythingServer {

    public static final String PACKAGE = "@modelcontextprotocol/server-everything";

    private EverythingServer() {
    }

    /** An mcp_servers entry for tools.yaml. */
    public static Map<String, Object> spec(String name, double healthIntervalSeconds) {
        return Map.of("name", name, "command", npx(), "args", List.of("-y", PACKAGE),
                "env", Map.of("npm_config_cache", npmCache(), "npm_config_update_notifier", "false"),
                "timeout", 30, "health_interval", healthIntervalSeconds);
    }

    private static String npx() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, "npx"))) {
                return Path.of(dir, "npx").toString();
            }
        }
        return fail("npx is not on PATH: install Node.js 20+ (with npm) to run the MCP integration tests; they need"
                + " 'npx -y " + PACKAGE + "'");
    }

    private static String npmCache() {
        String configured = System.getenv("GATEWAY_TEST_NPM_CACHE");
        Path cache = configured != null && !configured.isBlank() ? Path.of(configured)
                : Path.of(System.getProperty("java.io.tmpdir"), "agent-gateway-test-npm-cache");
        return cache.toAbsolutePath().toString();
    }

    /** Kills the server processes this JVM started (npx and the node process under it). */
    public static int killAll() {
        List<ProcessHandle> ours = ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().map(c -> c.contains("server-everything") || c.contains("npx"))
                        .orElse(false))
                .toList();
        ours.forEach(ProcessHandle::destroyForcibly);
        return ours.size();
    }
}
