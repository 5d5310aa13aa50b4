package io.agentgateway.host.usage;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * The usage of one client request while it runs, summed over its upstream calls (an agent's every turn included): for
 * its {@code http.request} log line and to settle its token reservation. Closing it ends the request's attribution.
 */
public final class RequestUsage implements AutoCloseable {

    private final String requestId;
    private final String keyId;
    private final String agent;
    private final Runnable onClose;
    private final AtomicLong prompt = new AtomicLong();
    private final AtomicLong completion = new AtomicLong();
    private final AtomicLong calls = new AtomicLong();
    private final DoubleAdder cost = new DoubleAdder();

    RequestUsage(String requestId, String keyId, String agent, Runnable onClose) {
        this.requestId = requestId;
        this.keyId = keyId;
        this.agent = agent;
        this.onClose = onClose;
    }

    void add(long promptTokens, long completionTokens, double callCost) {
        prompt.addAndGet(promptTokens);
        completion.addAndGet(completionTokens);
        cost.add(callCost);
        calls.incrementAndGet();
    }

    public String requestId() {
        return requestId;
    }

    public String keyId() {
        return keyId;
    }

    /** @return the agent the client addressed, or null */
    public String agent() {
        return agent;
    }

    /** @return how many upstream calls reported usage */
    public long calls() {
        return calls.get();
    }

    public long promptTokens() {
        return prompt.get();
    }

    public long completionTokens() {
        return completion.get();
    }

    public long totalTokens() {
        return prompt.get() + completion.get();
    }

    public double cost() {
        return cost.sum();
    }

    @Override
    public void close() {
        onClose.run();
    }
}
