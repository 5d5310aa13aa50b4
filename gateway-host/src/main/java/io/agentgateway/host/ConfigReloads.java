package io.agentgateway.host;

import io.agentgateway.host.agents.AgentRegistry;
import io.agentgateway.host.config.ConfigFile;
import io.agentgateway.host.config.ConfigFiles;
import io.agentgateway.host.config.ConfigWatch.Outcome;
import io.agentgateway.host.config.ConfigWatch.Watched;
import io.agentgateway.host.config.GatewaySettings;
import io.agentgateway.host.config.ModelGroupsConfig;
import io.agentgateway.host.config.UpstreamEntry;
import io.agentgateway.host.config.UpstreamsConfig;
import io.agentgateway.host.security.CurrentSecurity;
import io.agentgateway.host.tools.ToolManager;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The files {@code GATEWAY_AGENT_AUTO_RELOAD} watches, each put in force by the code of its admin refresh route, so
 * that an edit is held to exactly what {@code POST /security/refresh}, {@code /agents/refresh} and
 * {@code /tools/refresh} hold it to (and security.yaml's refresh-only rules, such as never opening a gateway that needs
 * keys, apply too).
 */
final class ConfigReloads {

    private ConfigReloads() {
    }

    static List<Watched> of(GatewaySettings settings, CurrentSecurity security, AgentRegistry agents,
            ToolManager tools) {
        Path agentsFile = settings.agentConfig();
        Path upstreamsFile = settings.upstreamConfig();
        return List.of(
                new Watched(ConfigFile.SECURITY, settings.securityConfig(), () -> {
                    security.reload();
                    return Outcome.APPLIED;
                }),
                new Watched(ConfigFile.AGENTS, agentsFile, () -> {
                    // An agent that cannot register (unknown tool, id clash) is logged and listed by /agents/errors,
                    // as at refresh; the file itself is in force.
                    agents.reloadDeclarative(() -> ConfigFiles.read(ConfigFile.AGENTS, agentsFile, settings.env()));
                    return Outcome.APPLIED;
                }),
                new Watched(ConfigFile.TOOLS, settings.toolConfig(), () -> {
                    tools.refresh(); // reads tools.yaml through ConfigFiles, as POST /tools/refresh does
                    return Outcome.APPLIED;
                }),
                // Upstreams are opened once, at start (POST /upstreams/refresh asks them for their models again; it
                // does not read the file). An edit is checked as the start would check it, so a mistake shows now
                // rather than at the next restart.
                new Watched(ConfigFile.UPSTREAMS, upstreamsFile, () -> {
                    Map<String, Object> yaml = ConfigFiles.read(ConfigFile.UPSTREAMS, upstreamsFile, settings.env());
                    List<UpstreamEntry> entries = UpstreamsConfig.parse(yaml, settings.env(), upstreamsFile.toString());
                    ModelGroupsConfig.parse(yaml, entries, upstreamsFile.toString());
                    return Outcome.RESTART_NEEDED;
                }));
    }
}
