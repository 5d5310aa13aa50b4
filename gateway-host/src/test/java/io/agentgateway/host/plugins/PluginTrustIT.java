package io.agentgateway.host.plugins;

import static io.agentgateway.host.plugins.TestPluginJar.plugin;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agentgateway.host.it.RunningGateway;
import io.agentgateway.host.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What docs/security.md says of plugins, shown: a plugin runs as trusted code with the gateway's rights. Its class
 * loader hides the host's classes, but that is a guard against clashes, not a wall: through the system class loader
 * and reflection a plugin reaches the live tool registry. Trust is given before loading (allow list, pins), not
 * enforced after.
 */
class PluginTrustIT {

    @TempDir
    Path dir;

    @Test
    @SuppressWarnings("unchecked")
    void aPluginCanReachHostInternalsByReflectionAsTheDocsSay() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        plugin("snoop").withService(TestPlugins.SNOOP).writeJar(plugins.resolve("snoop.jar"));
        try (RunningGateway gateway = RunningGateway.start(Files.createDirectories(dir.resolve("config")),
                "upstreams: []\n", Map.of("GATEWAY_PLUGINS_DIR", plugins.toString()))) {
            Map<String, Object> snoop = ((List<Map<String, Object>>) Json.readObject(
                    gateway.get("/plugins", RunningGateway.KEY).body()).get("data")).getFirst();
            Map<String, Object> contributes = (Map<String, Object>) snoop.get("contributes");
            assertEquals(List.of("reached the live io.agentgateway.host.tools.ToolManager"),
                    contributes.get("providers"));
        }
    }
}
