package io.agentgateway.plugins.cortex;

import io.agentgateway.api.agent.GuardrailResult;
import io.agentgateway.api.agent.RunContext;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Refuses requests that carry what looks like a credential: they would be copied to several models. */
final class CredentialCheck {

    private static final Pattern CREDENTIAL = Pattern.compile(
            "(sk-[A-Za-z0-9_-]{16,})|(AKIA[0-9A-Z]{16})|(-----BEGIN [A-Z ]*PRIVATE KEY-----)"
                    + "|(?i:password\\s*[:=]\\s*\\S+)");

    private CredentialCheck() {
    }

    static GuardrailResult check(RunContext context, List<Map<String, Object>> messages) {
        for (Map<String, Object> message : messages) {
            Object content = message.get("content");
            if (content != null && CREDENTIAL.matcher(String.valueOf(content)).find()) {
                return GuardrailResult.trip("the request appears to contain a credential (API key, access key,"
                        + " private key or password); remove it and ask again");
            }
        }
        return GuardrailResult.pass();
    }

    static GuardrailResult checkOutput(RunContext context, String report) {
        return CREDENTIAL.matcher(report).find()
                ? GuardrailResult.trip("the report contains what looks like a credential")
                : GuardrailResult.pass();
    }
}
