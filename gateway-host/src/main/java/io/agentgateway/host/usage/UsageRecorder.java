package io.agentgateway.host.usage;

import static java.util.Objects.requireNonNull;

import io.agentgateway.host.observe.EventLog;
import io.agentgateway.host.store.StoreException;
import io.agentgateway.host.store.UsageRecord;
import io.agentgateway.host.store.UsageStore;
import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Tag;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The one place token usage is counted. Each upstream call that reports usage (an agent's turns included) is recorded
 * here once, by the upstream that answered it: kept in the {@link UsageStore}, counted in
 * {@code agent_gateway_tokens_total{key_id,model,upstream,agent,type}} and {@code agent_gateway_cost_micros_total}, added
 * to its client request's {@link RequestUsage}, and passed to listeners (budgets).
 *
 * <p>The agent a call is made for is known by the client request: {@link #open} names it for the request's id, and
 * every call made under that id (sub-agents and agents used as tools included) counts for that agent.
 */
public final class UsageRecorder {

    public static final String TOKENS = "agent_gateway_tokens_total";
    /** Cost in millionths of the price table's currency: Helidon's counters count whole numbers. */
    public static final String COST = "agent_gateway_cost_micros_total";

    private final UsageStore store;
    private final Prices prices;
    private final MeterRegistry meters;
    private final Clock clock;
    private final Map<String, RequestUsage> openRequests = new ConcurrentHashMap<>();
    private final Map<List<String>, Counter[]> counters = new ConcurrentHashMap<>();
    private final List<Consumer<UsageRecord>> listeners = new CopyOnWriteArrayList<>();

    /**
     * @param store where usage is kept, or null to keep it nowhere (in-process runs without a database)
     * @param meters where the counters go, or null for none
     */
    public UsageRecorder(UsageStore store, Prices prices, MeterRegistry meters, Clock clock) {
        this.store = store;
        this.prices = requireNonNull(prices, "prices is null");
        this.meters = meters;
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** @return a recorder that keeps and counts nothing, for code run without a gateway around it */
    public static UsageRecorder discarding() {
        return new UsageRecorder(null, Prices.NONE, null, Clock.systemUTC());
    }

    /** @return the price table costs are computed with */
    public Prices prices() {
        return prices;
    }

    /** Calls {@code listener} with every call's usage after it is handed to the store. */
    public void addListener(Consumer<UsageRecord> listener) {
        listeners.add(requireNonNull(listener, "listener is null"));
    }

    /**
     * Starts summing a client request's usage; close the result when the request ends.
     *
     * @param agent the agent the client addressed, or null for a model called directly
     */
    public RequestUsage open(String requestId, String keyId, String agent) {
        RequestUsage[] created = new RequestUsage[1];
        created[0] = new RequestUsage(requestId, keyId, agent, () -> openRequests.remove(requestId, created[0]));
        // A client that reuses an x-request-id for parallel requests gets them summed together: the first one's
        // attribution holds until it ends.
        RequestUsage existing = openRequests.putIfAbsent(requestId, created[0]);
        return existing == null ? created[0] : new RequestUsage(requestId, keyId, agent, () -> { });
    }

    /**
     * Records one upstream call's usage.
     *
     * @param upstream the upstream that answered
     * @param upstreamModel the model under the upstream's own name
     * @param usage the OpenAI usage object the upstream reported; nothing is recorded without one
     */
    public void record(String requestId, String keyId, String upstream, String upstreamModel,
                       Map<?, ?> usage) {
        record(requestId, keyId, upstream, upstreamModel, upstreamModel, usage);
    }

    /**
     * Records one upstream call's usage, counted in the meters under {@code meteredModel}: the model itself when the
     * config or the upstream's list names it, else a stand-in, so that a model id a client made up adds no series
     * (the store keeps the model as called).
     */
    public void record(String requestId, String keyId, String upstream, String upstreamModel, String meteredModel,
                       Map<?, ?> usage) {
        if (usage == null) {
            return;
        }
        long prompt = tokens(usage.get("prompt_tokens"));
        long completion = tokens(usage.get("completion_tokens"));
        String model = upstream + "/" + upstreamModel;
        double cost = prices.cost(model, prompt, completion);
        RequestUsage request = openRequests.get(requestId);
        String agent = request == null ? null : request.agent();
        UsageRecord record = new UsageRecord(clock.instant(), requestId, keyId, model, upstream, agent, prompt,
                completion, cost);
        if (request != null) {
            request.add(prompt, completion, cost);
        }
        count(record, upstream + "/" + meteredModel);
        if (store != null) {
            try {
                store.add(record);
            } catch (StoreException e) {
                // The answer is on its way: losing one row is better than failing it. The metric still counts.
                EventLog.error("usage.store_failed", "request_id", requestId, "error", e.getMessage());
            }
        }
        for (Consumer<UsageRecord> listener : listeners) {
            listener.accept(record);
        }
    }

    private void count(UsageRecord record, String model) {
        if (meters == null) {
            return;
        }
        List<String> labels = List.of(orNone(record.keyId()), model, record.upstream(),
                orNone(record.agent()));
        Counter[] byType = counters.computeIfAbsent(labels, this::countersFor);
        byType[0].increment(record.promptTokens());
        byType[1].increment(record.completionTokens());
        long micros = Math.round(record.cost() * 1_000_000);
        if (micros > 0) {
            byType[2].increment(micros);
        }
    }

    private Counter[] countersFor(List<String> labels) {
        List<Tag> tags = List.of(Tag.create("key_id", labels.get(0)), Tag.create("model", labels.get(1)),
                Tag.create("upstream", labels.get(2)), Tag.create("agent", labels.get(3)));
        return new Counter[] {
            meters.getOrCreate(Counter.builder(TOKENS).description("Tokens used, by key, model, upstream, agent"
                    + " and type (prompt or completion)").tags(withType(tags, "prompt"))),
            meters.getOrCreate(Counter.builder(TOKENS).tags(withType(tags, "completion"))),
            meters.getOrCreate(Counter.builder(COST).description("Cost of the tokens used by the price table"
                    + " (prices.yaml), in millionths of its currency").tags(tags)),
        };
    }

    private static List<Tag> withType(List<Tag> tags, String type) {
        return java.util.stream.Stream.concat(tags.stream(), java.util.stream.Stream.of(Tag.create("type", type)))
                .toList();
    }

    private static String orNone(String value) {
        return value == null ? "none" : value;
    }

    private static long tokens(Object value) {
        return value instanceof Number n ? Math.max(0, n.longValue()) : 0;
    }
}
