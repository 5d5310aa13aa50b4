package io.agentgateway.plugins.spark;

import io.agentgateway.api.GatewayPlugin;
import io.agentgateway.api.PluginContext;
import io.agentgateway.api.agent.AgentDefinition;
import io.agentgateway.api.agent.Description;
import io.agentgateway.api.agent.ExecutionPolicy;
import io.agentgateway.api.agent.RecordTool;
import io.agentgateway.api.tool.ToolDefinition;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/**
 * Spark, the light mixture of agents: a coordinator that thinks, acts, observes and answers, using a planner, a
 * researcher and a writer as tools, plus a clock. Served as {@code default/spark}.
 */
public final class SparkPlugin implements GatewayPlugin {

    /** The clock tool's arguments. */
    public record ClockQuery(@Description("IANA time zone such as Europe/Paris; UTC when left out")
                             Optional<String> zone) {
    }

    @Override
    public List<AgentDefinition> agents(PluginContext context) {
        AgentDefinition planner = AgentDefinition.builder("Planner")
                .instructions("Break the task you are given into at most five short, numbered steps. Say which"
                        + " steps need facts looked up. Reply with the steps only.")
                .build();
        AgentDefinition researcher = AgentDefinition.builder("Researcher")
                .instructions("Answer the question you are given with the facts you know, as short bullet points."
                        + " Mark anything you are unsure of as uncertain. Never invent sources.")
                .build();
        AgentDefinition writer = AgentDefinition.builder("Writer")
                .instructions("Write the final answer for the user from the notes you are given: clear, friendly,"
                        + " well structured, no longer than needed.")
                .build();
        ToolDefinition clock = RecordTool.of("current_time", "The current date and time in a time zone",
                ClockQuery.class, (query, call) -> ZonedDateTime.now(ZoneId.of(query.zone().orElse("UTC")))
                        .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        return List.of(AgentDefinition.builder("Spark")
                .description("Light coordinator: plans, researches and writes with three helper agents and a clock")
                .instructions("You coordinate helpers to answer the user. Think about what is needed, then act:"
                        + " call plan with the user's request; call research for the steps that need facts"
                        + " (several calls at once are fine); call current_time when dates or times matter;"
                        + " finally call write with the plan and the findings and answer with its text.")
                .tool(planner.asTool("plan", "Breaks a task into steps"))
                .tool(researcher.asTool("research", "Gathers facts about one question"))
                .tool(writer.asTool("write", "Writes the final answer from notes"))
                .tool(clock)
                .hooks(new SparkProgressLog(context.logger()))
                .policy(ExecutionPolicy.DEFAULT.withMaxToolHops(6).withMaxTurns(10))
                .metadata("display_name", "Spark")
                .metadata("mixture", "light")
                .build());
    }
}
