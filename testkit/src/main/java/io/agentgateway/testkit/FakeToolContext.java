package io.agentgateway.testkit;

import static java.util.Objects.requireNonNull;

import io.agentgateway.api.Cancellation;
import io.agentgateway.api.tool.ToolContext;

/**
 * The context the host passes to a tool call: a request id, the calling agent (or none), the caller's key id (or
 * none), and a cancellation the test controls.
 *
 * @param requestId the request id the call belongs to
 * @param agentId the calling agent's id ({@code namespace/name}), or null for a call from outside an agent
 * @param keyId the API key id of the request, or null
 * @param cancellation what tells the tool to stop
 */
public record FakeToolContext(String requestId, String agentId, String keyId, Cancellation cancellation)
        implements ToolContext {

    public FakeToolContext {
        requireNonNull(requestId, "requestId is null");
        requireNonNull(cancellation, "cancellation is null");
    }

    /** @return a call from agent {@code default/test-agent} under key {@code test-key} that is never cancelled */
    public static FakeToolContext of() {
        return new FakeToolContext("req-test", "default/test-agent", "test-key", Cancellation.NONE);
    }

    /** @return this context with another cancellation */
    public FakeToolContext withCancellation(Cancellation newCancellation) {
        return new FakeToolContext(requestId, agentId, keyId, newCancellation);
    }
}
