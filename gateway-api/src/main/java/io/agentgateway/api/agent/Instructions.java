package io.agentgateway.api.agent;

import static java.util.Objects.requireNonNull;

/**
 * An agent's system prompt: fixed text, or text computed for each run from the request (the user's language, the
 * date, the API key's id, ...).
 */
@FunctionalInterface
public interface Instructions {

    /**
     * @param context the run being started: request id, caller, the client's messages
     * @return the system prompt for this run; empty for none
     */
    String render(RunContext context);

    /**
     * @param text the fixed system prompt
     * @return instructions that always render {@code text}
     */
    static Instructions of(String text) {
        requireNonNull(text, "text is null");
        return new Fixed(text);
    }

    /** Fixed text; a record so that it prints and compares by value. */
    record Fixed(String text) implements Instructions {

        public Fixed {
            requireNonNull(text, "text is null");
        }

        @Override
        public String render(RunContext context) {
            return text;
        }
    }
}
