package io.agentgateway.api.tool;

import java.util.Map;

/** The code behind a tool: a plain blocking call, run on a virtual thread. */
@FunctionalInterface
public interface ToolFunction {

    /**
     * @param arguments the arguments the model sent, already validated against the tool's schema
     * @param context who is calling, and a cancellation to honour
     * @return the result as text (JSON text is fine); it is handed to the model as the tool message
     * @throws Exception any failure; the model receives its message as an error result
     */
    String call(Map<String, Object> arguments, ToolContext context) throws Exception;
}
