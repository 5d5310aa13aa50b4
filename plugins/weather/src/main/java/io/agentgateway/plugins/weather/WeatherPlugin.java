package io.agentgateway.plugins.weather;

import io.agentgateway.api.GatewayPlugin;
import io.agentgateway.api.PluginContext;
import io.agentgateway.api.agent.AgentDefinition;
import io.agentgateway.api.agent.Description;
import io.agentgateway.api.agent.RecordTool;
import io.agentgateway.api.tool.ToolDefinition;
import java.util.List;
import java.util.Optional;

/**
 * The weather agent of the README: a model that answers weather questions with a {@code get_weather} tool. Served as
 * {@code default/weatheragent}. The tool reports sample conditions computed from the city name, so the plugin works
 * offline; swap {@link SampleWeather} for a real service in your own agent.
 */
public final class WeatherPlugin implements GatewayPlugin {

    /** Temperature units the tool accepts. */
    public enum Unit { CELSIUS, FAHRENHEIT }

    /** The tool's arguments. */
    public record WeatherQuery(
            @Description("City name, e.g. Paris") String city,
            @Description("Temperature unit, celsius when left out") Optional<Unit> unit) {
    }

    @Override
    public List<AgentDefinition> agents(PluginContext context) {
        ToolDefinition getWeather = RecordTool.of("get_weather", "Current weather conditions for a city",
                WeatherQuery.class, (query, call) -> SampleWeather.report(query.city(),
                        query.unit().orElse(Unit.CELSIUS) == Unit.FAHRENHEIT));
        return List.of(AgentDefinition.builder("WeatherAgent")
                .description("Answers questions about the weather in a city")
                .instructions("You are a weather assistant. Call get_weather for each city the user asks about,"
                        + " then answer in one or two sentences using the tool's figures.")
                .tool(getWeather)
                .metadata("display_name", "Weather Agent")
                .metadata("max_tool_hops", 3)
                .build());
    }
}
