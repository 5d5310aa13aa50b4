package io.agentgateway.api.tool;

import io.agentgateway.api.Cancellation;

/** Who is calling a tool. */
public interface ToolContext {

    /** @return the gateway request id, for correlating logs */
    String requestId();

    /** @return the qualified id of the agent calling the tool ({@code namespace/name}), or null outside an agent */
    String agentId();

    /** @return the id (never the secret) of the API key the request came with, or null when none */
    String keyId();

    /** @return fires when the client went away or the run was stopped */
    Cancellation cancellation();
}
