package io.agentgateway.host.it;

import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class whose gateways logged a key the suite gave them (see {@link SuiteLogs}). Registered for every
 * test class of this module (META-INF/services, junit-platform.properties), so the whole suite's logs are searched.
 */
public final class NoSecretsInLogs implements BeforeAllCallback, AfterAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        SuiteLogs.install();
        SuiteLogs.takeLeaks(); // lines of an earlier class that failed are its own
    }

    @Override
    public void afterAll(ExtensionContext context) {
        List<String> leaks = SuiteLogs.takeLeaks();
        if (!leaks.isEmpty()) {
            throw new AssertionError(leaks.size() + " log line(s) of " + context.getDisplayName()
                    + " contain a key:\n" + String.join("\n", leaks.subList(0, Math.min(10, leaks.size()))));
        }
    }
}
