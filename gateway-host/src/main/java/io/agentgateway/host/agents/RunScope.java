package io.agentgateway.host.agents;

import static java.util.Objects.requireNonNull;

import io.agentgateway.host.cancel.CancellationSource;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What every step of one run shares, whichever agent is at work (the addressed one, one it handed off to, one used as
 * a tool): the request's id and key, the run's cancellation, the usage and tool calls counted so far, and the client's
 * stream when it streams. Passed down to each step, which never needs the run itself.
 */
final class RunScope {

    private final String requestId;
    private final String keyId;
    private final CancellationSource cancellation;
    private final List<Map<String, Object>> clientMessages;
    private final Map<String, Object> clientBody;
    private final AnswerStream out;
    private final String timeoutAgentId;
    private final long timeoutSeconds;
    private final UsageTotals usage = new UsageTotals();
    private final AtomicInteger toolCalls = new AtomicInteger();

    /**
     * @param clientMessages the client's conversation
     * @param clientBody the client's request body, whose fields the agent does not decide are passed on
     * @param out the client's stream, or null when the client does not stream
     * @param timeoutAgentId the agent whose run timeout applies, named when it runs out
     * @param timeoutSeconds that timeout
     */
    RunScope(String requestId, String keyId, CancellationSource cancellation, List<Map<String, Object>> clientMessages,
            Map<String, Object> clientBody, AnswerStream out, String timeoutAgentId, long timeoutSeconds) {
        this.requestId = requestId;
        this.keyId = keyId;
        this.cancellation = requireNonNull(cancellation, "cancellation is null");
        this.clientMessages = requireNonNull(clientMessages, "clientMessages is null");
        this.clientBody = Collections.unmodifiableMap(new LinkedHashMap<>(clientBody));
        this.out = out;
        this.timeoutAgentId = timeoutAgentId;
        this.timeoutSeconds = timeoutSeconds;
    }

    String requestId() {
        return requestId;
    }

    String keyId() {
        return keyId;
    }

    CancellationSource cancellation() {
        return cancellation;
    }

    List<Map<String, Object>> clientMessages() {
        return clientMessages;
    }

    Map<String, Object> clientBody() {
        return clientBody;
    }

    /** @return the client's stream, or null when the client does not stream */
    AnswerStream out() {
        return out;
    }

    UsageTotals usage() {
        return usage;
    }

    AtomicInteger toolCalls() {
        return toolCalls;
    }

    /** @return the context plugin code of {@code agentId} sees during this run */
    AgentRunContext context(String agentId) {
        return new AgentRunContext(requestId, agentId, keyId, cancellation, clientMessages, clientBody);
    }

    /** Throws the error that matches why the run was cancelled, if it was. */
    void throwIfCancelled() {
        CancellationSource.Reason reason = cancellation.reason();
        if (reason == CancellationSource.Reason.TIMEOUT) {
            throw AgentFailures.timeout(timeoutAgentId, timeoutSeconds);
        }
        if (reason != null) {
            throw AgentFailures.clientGone();
        }
    }
}
