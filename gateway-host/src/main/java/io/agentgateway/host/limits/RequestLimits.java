package io.agentgateway.host.limits;

import static java.util.Objects.requireNonNull;

import io.agentgateway.host.openai.GatewayException;
import io.agentgateway.host.security.LimitRules;
import io.agentgateway.host.security.LimitRules.Budget;
import io.agentgateway.host.security.LimitRules.KeyLimits;
import io.agentgateway.host.store.UsageStore;
import io.agentgateway.host.usage.UsageRecorder;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The token limits of a key, checked when a request that spends tokens starts: its budgets (tokens or cost per day
 * or month, which survive a restart) and its tokens per minute (a reservation settled when the request ends). A
 * request over a limit is refused with 429, {@code Retry-After} and an OpenAI error whose {@code code} names the
 * limit: {@code budget_exceeded} or {@code tokens_per_minute_exceeded} (requests per minute, checked for every route
 * before this, answer {@code rate_limit_exceeded}).
 */
public final class RequestLimits {

    private final Supplier<LimitRules> rules;
    private final TokenWindow window;
    private final Budgets budgets;

    /**
     * Reads what every key spent this month from {@code store}; build it before serving requests.
     *
     * @param rules the limits in force (security.yaml's, as reloaded)
     * @param recorder its recorded calls count against the budgets
     */
    public RequestLimits(Supplier<LimitRules> rules, UsageStore store, UsageRecorder recorder, Clock clock) {
        this.rules = requireNonNull(rules, "rules is null");
        this.window = new TokenWindow(clock);
        this.budgets = new Budgets(store, clock);
        recorder.addListener(budgets::add);
    }

    private RequestLimits() {
        this.rules = null;
        this.window = null;
        this.budgets = null;
    }

    /** @return limits that admit everything */
    public static RequestLimits none() {
        return new RequestLimits();
    }

    /** A request let through; settle it with the tokens it used when it ends. */
    @FunctionalInterface
    public interface Admission {

        /** Nothing to settle. */
        Admission NONE = usedTokens -> { };

        void settle(long usedTokens);
    }

    /**
     * @param keyId the request's key, or null when the gateway has no keys (then nothing is limited)
     * @param body the chat request's body, for its token estimate
     * @throws GatewayException 429 when a budget is spent or the minute's tokens are
     */
    public Admission admit(String keyId, Map<String, Object> body) {
        if (rules == null || keyId == null) {
            return Admission.NONE;
        }
        KeyLimits limits = rules.get().of(keyId);
        Optional<Budget> spent = budgets.spent(keyId, limits.budgets());
        if (spent.isPresent()) {
            Budget budget = spent.get();
            long wait = budgets.secondsUntilReset(budget.period());
            throw new GatewayException(429, "insufficient_quota", "budget_exceeded", null,
                    "The budget " + budget.name() + " of " + amount(budget) + " for key '" + keyId + "' is spent ("
                            + amount(budget, budgets.spentOf(keyId, budget)) + "). It starts again at the next "
                            + budget.period().name().toLowerCase(Locale.ROOT) + " (UTC), in " + wait + " s.",
                    Duration.ofSeconds(wait));
        }
        long perMinute = limits.tokensPerMinute();
        if (perMinute <= 0) {
            return Admission.NONE;
        }
        long estimate = TokenEstimate.of(body);
        TokenWindow.Entry entry = window.reserve(keyId, perMinute, estimate);
        if (entry == null) {
            long wait = window.retryAfterSeconds(keyId, perMinute, estimate);
            throw new GatewayException(429, "rate_limit_error", "tokens_per_minute_exceeded", null,
                    "Limit of " + perMinute + " tokens per minute reached for key '" + keyId + "' (this request"
                            + " reserves " + Math.min(estimate, perMinute) + ": its messages and its max_tokens)."
                            + " Retry in " + wait + " s.", Duration.ofSeconds(wait));
        }
        return usedTokens -> window.settle(keyId, entry, usedTokens);
    }

    private static String amount(Budget budget) {
        return amount(budget, budget.amount());
    }

    private static String amount(Budget budget, double value) {
        return budget.measure() == LimitRules.Measure.TOKENS ? (long) value + " tokens"
                : String.format(Locale.ROOT, "%.4f", value);
    }
}
