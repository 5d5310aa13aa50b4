package io.agentgateway.host.plugins;

import java.util.HashSet;
import java.util.Set;

/** Turns an exception chain into one line an operator can read in a log or on the admin endpoint. */
final class Causes {

    private Causes() {
    }

    static String describe(Throwable error) {
        StringBuilder text = new StringBuilder();
        Set<Throwable> seen = new HashSet<>();
        for (Throwable t = error; t != null && seen.add(t); t = t.getCause()) {
            String message = t.getMessage();
            if (!text.isEmpty()) {
                // PF4J and ServiceLoader repeat the cause's text in the wrapper's message; say it once.
                if (message != null && text.toString().contains(message)) {
                    continue;
                }
                text.append("; caused by ");
            }
            text.append(t.getClass().getSimpleName());
            if (message != null && !message.isBlank()) {
                text.append(": ").append(message);
            }
        }
        return text.toString();
    }
}
