package io.agentgateway.testkit.agent;

/**
 * A run that ended in the error a client of the gateway would get: a tripped guardrail, an exceeded limit, an answer
 * that does not fit the agent's output type, a failed model call.
 */
public final class AgentRunFailure extends RuntimeException {

    private final int status;
    private final String type;
    private final String code;

    AgentRunFailure(int status, String type, String code, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.type = type;
        this.code = code;
    }

    /** @return the HTTP status the client would get */
    public int status() {
        return status;
    }

    /** @return the error body's {@code type}, e.g. {@code invalid_request_error} */
    public String type() {
        return type;
    }

    /** @return the error body's {@code code}, e.g. {@code input_guardrail_tripped}; null when it has none */
    public String code() {
        return code;
    }
}
