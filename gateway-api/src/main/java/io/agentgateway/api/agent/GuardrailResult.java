package io.agentgateway.api.agent;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * What a guardrail decided. A tripped guardrail stops the run; the client receives an error naming the guardrail and
 * carrying {@link #message()}.
 *
 * @param tripwireTriggered true to stop the run
 * @param message why, shown to the client when tripped; keep secrets and internals out of it
 * @param info details for logs (never shown to the client)
 */
public record GuardrailResult(boolean tripwireTriggered, String message, Map<String, Object> info) {

    private static final GuardrailResult PASS = new GuardrailResult(false, "", Map.of());

    public GuardrailResult {
        message = message == null ? "" : message;
        info = info == null ? Map.of() : Map.copyOf(info);
    }

    /** @return a result that lets the run go on */
    public static GuardrailResult pass() {
        return PASS;
    }

    /**
     * @param message why the run stops, shown to the client
     * @return a tripped result
     */
    public static GuardrailResult trip(String message) {
        return new GuardrailResult(true, requireNonNull(message, "message is null"), Map.of());
    }
}
