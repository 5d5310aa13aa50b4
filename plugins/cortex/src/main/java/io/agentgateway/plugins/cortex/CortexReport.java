package io.agentgateway.plugins.cortex;

import io.agentgateway.api.agent.Description;
import java.util.List;

/** The structured final report of a Cortex run; its JSON schema is what the specialists must answer with. */
@Description("The final report of a Cortex review")
public record CortexReport(
        @Description("A short title") String title,
        @Description("The answer in a few sentences") String summary,
        @Description("Key findings") List<String> findings,
        @Description("What to do next") List<String> recommendations,
        @Description("Confidence from 0 to 1") double confidence,
        @Description("The specialist who wrote the report") String specialist) {
}
