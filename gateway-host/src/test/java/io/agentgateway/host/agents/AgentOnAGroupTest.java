package io.agentgateway.host.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agentgateway.api.agent.AgentDefinition;
import io.agentgateway.api.upstream.UpstreamException;
import io.agentgateway.host.ScriptedUpstream;
import io.agentgateway.host.config.ModelGroup;
import io.agentgateway.host.routing.Routes;
import io.agentgateway.host.security.ToolAccessRules;
import io.agentgateway.host.tools.ToolManager;
import io.agentgateway.host.upstreams.UpstreamRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** An agent whose model names a group runs its turns through the group, failover included. */
class AgentOnAGroupTest {

    @Test
    void anAgentNamingAGroupMovesToTheNextTargetWhenTheFirstFails() throws Exception {
        ScriptedUpstream cloud = new ScriptedUpstream();
        ScriptedUpstream local = new ScriptedUpstream().answer("answered locally");
        cloud.failure = new UpstreamException(UpstreamException.Kind.UNREACHABLE, "refused", null);
        UpstreamRegistry upstreams = new UpstreamRegistry();
        upstreams.put("cloud", cloud);
        upstreams.put("local", local);
        Routes routes = new Routes(upstreams, List.of(), List.of(new ModelGroup("smart", ModelGroup.Strategy.WEIGHTED,
                List.of(new ModelGroup.Target("cloud", "big", 1, 1), new ModelGroup.Target("local", "small", 1, 2)),
                List.of(), 0)), Duration.ofMillis(1), new SplittableRandom(1));
        ToolManager tools = new ToolManager(Map::of, ToolAccessRules.ALLOW_ALL, RuntimeFixture.METERS);
        AgentPreparer preparer = new AgentPreparer(new AgentDefaults("default", "cloud", "unused"), routes);

        RunResult result = new AgentEngine(tools, RuntimeFixture.METERS).complete(
                preparer.prepare(AgentDefinition.builder("helper").model("smart").build()),
                RuntimeFixture.request("hello"));

        assertEquals("answered locally", result.output());
        assertEquals("big", cloud.requests.getFirst().get("model"));
        assertEquals("small", local.requests.getFirst().get("model"));
    }
}
