package io.agentgateway.host.agents;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Token usage summed over every upstream call of a run, sub-agents included; safe for parallel tool calls. */
final class UsageTotals {

    private final AtomicLong prompt = new AtomicLong();
    private final AtomicLong completion = new AtomicLong();

    void add(Map<String, Object> usage) {
        prompt.addAndGet(number(usage.get("prompt_tokens")));
        completion.addAndGet(number(usage.get("completion_tokens")));
    }

    /** @return an OpenAI usage object */
    Map<String, Object> asMap() {
        Map<String, Object> usage = new LinkedHashMap<>();
        usage.put("prompt_tokens", prompt.get());
        usage.put("completion_tokens", completion.get());
        usage.put("total_tokens", prompt.get() + completion.get());
        return usage;
    }

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : 0;
    }
}
