package __PACKAGE__;

import io.agentgateway.api.GatewayPlugin;
import io.agentgateway.api.PluginContext;
import io.agentgateway.api.agent.AgentDefinition;
import io.agentgateway.api.agent.Description;
import io.agentgateway.api.agent.RecordTool;
import io.agentgateway.api.tool.ToolDefinition;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

/** Offers the agent {@code default/__AGENT_ID__}, listed in /v1/models and served like any model. */
public final class __CLASS_PREFIX__Plugin implements GatewayPlugin {

    /**
     * Tools the gateway already has (tools.yaml, MCP servers, other plugins) that this agent may call, by name. A name
     * the gateway does not have is left out, so the agent still loads.
     */
    static final List<String> GATEWAY_TOOLS = List.of();

    /** The arguments of the agent's own tool. */
    public record TimeQuery(@Description("an IANA time zone, such as Europe/Paris") String zone) {
    }

    private final Clock clock;

    public __CLASS_PREFIX__Plugin() {
        this(Clock.systemUTC());
    }

    __CLASS_PREFIX__Plugin(Clock clock) {
        this.clock = clock;
    }

    @Override
    public List<AgentDefinition> agents(PluginContext context) {
        AgentDefinition.Builder agent = AgentDefinition.builder("__CLASS_PREFIX__")
                .description("Answers questions, with the time anywhere at hand")
                .instructions("You are a helpful assistant. Call local_time when a question needs the time.")
                .tool(localTime());
        for (String name : GATEWAY_TOOLS) {
            context.gatewayTool(name).ifPresentOrElse(agent::tool, () -> context.logger()
                    .log(System.Logger.Level.WARNING, "gateway tool {0} is not registered; the agent runs without it",
                            name));
        }
        // No upstream or model: the agent runs on the gateway's defaults (agents.yaml `defaults`). Pin one with
        // .upstream("ollama").model("llama3.2").
        return List.of(agent.build());
    }

    ToolDefinition localTime() {
        return RecordTool.of("local_time", "The current date and time in a time zone", TimeQuery.class,
                (query, call) -> ZonedDateTime.now(clock.withZone(ZoneId.of(query.zone()))).toString());
    }
}
