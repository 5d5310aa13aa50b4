package io.agentgateway.plugins.weather;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgateway.api.agent.AgentDefinition;
import io.agentgateway.testkit.FakePluginContext;
import io.agentgateway.testkit.agent.AgentRunFailure;
import io.agentgateway.testkit.agent.AgentRunResult;
import io.agentgateway.testkit.agent.AgentRunner;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The weather agent on the gateway's agent engine: it calls get_weather per city and answers from the figures. */
class WeatherAgentTest {

    private final AgentDefinition agent = new WeatherPlugin().agents(new FakePluginContext("weather")).getFirst();

    @Test
    void callsGetWeatherForEachCityAndAnswersFromItsReports() {
        AgentRunner runner = new AgentRunner(agent).script("""
                {"responses":[
                  {"tool_calls":[
                    {"function":{"name":"get_weather","arguments":{"city":"Paris"}}},
                    {"function":{"name":"get_weather","arguments":{"city":"Oslo","unit":"FAHRENHEIT"}}}]},
                  {"content":"Paris and Oslo, from the reports."}]}""");

        AgentRunResult result = runner.run("Weather in Paris and Oslo?");

        assertEquals("default/weatheragent", runner.modelId());
        assertEquals("Paris and Oslo, from the reports.", result.output());
        assertEquals(2, result.toolCalls());
        List<?> firstCall = (List<?>) runner.modelRequests().getFirst().get("tools");
        assertTrue(firstCall.toString().contains("get_weather"), "the tool is offered: " + firstCall);
        String toolResults = runner.modelRequests().get(1).get("messages").toString();
        assertTrue(toolResults.contains(SampleWeather.report("Paris", false)), toolResults);
        assertTrue(toolResults.contains(SampleWeather.report("Oslo", true)), toolResults);
    }

    @Test
    void aCityTheToolCannotReadGoesBackToTheModelAsAnErrorNotAFailedRun() {
        AgentRunner runner = new AgentRunner(agent).script("""
                {"responses":[
                  {"tool_calls":[{"function":{"name":"get_weather","arguments":{"city":"  "}}}]},
                  {"content":"Which city do you mean?"}]}""");

        AgentRunResult result = runner.stream("Weather?");

        assertEquals("Which city do you mean?", result.streamedText());
        String toolResult = runner.modelRequests().get(1).get("messages").toString();
        assertTrue(toolResult.contains("city is empty"), toolResult);
        assertTrue(result.usage().get("total_tokens") instanceof Number, "usage: " + result.usage());
    }

    @Test
    void stopsCallingToolsAfterItsHopLimit() {
        String call = "{\"tool_calls\":[{\"function\":{\"name\":\"get_weather\",\"arguments\":{\"city\":\"Rome\"}}}]}";
        AgentRunner runner = new AgentRunner(agent)
                .script("{\"responses\":[" + String.join(",", List.of(call, call, call, call, call)) + "]}");

        AgentRunFailure failure = assertThrows(AgentRunFailure.class, () -> runner.run("Rome, again and again"));

        assertEquals(422, failure.status());
        assertEquals("max_tool_hops_exceeded", failure.code());
        assertEquals(4, runner.modelRequests().size(), "three tool hops, then the model's fourth call is refused");
    }
}
