package io.agentgateway.host.security;

import io.agentgateway.host.config.ConfigException;
import io.agentgateway.host.config.ConfigValues;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The token limits of security.yaml, per key, each field falling back to {@code default}'s:
 * <pre>
 * default:
 *   rate_limit: {per_minute: 60, tokens_per_minute: 100000}
 *   budget: {tokens_per_day: 1000000, tokens_per_month: 20000000, cost_per_day: 5, cost_per_month: 100}
 * api_keys:
 *   - id: dev
 *     rate_limit: {tokens_per_minute: 20000}
 *     budget: {cost_per_month: 50}
 * </pre>
 * Costs are in the currency of prices.yaml. A key without any of these has no token limit.
 */
public final class LimitRules {

    /** No token limit and no budget. */
    public static final KeyLimits NONE = new KeyLimits(0, List.of());

    private static final List<String> BUDGET_KEYS =
            List.of("tokens_per_day", "tokens_per_month", "cost_per_day", "cost_per_month");

    private final KeyLimits defaults;
    private final Map<String, KeyLimits> byKey;

    private LimitRules(KeyLimits defaults, Map<String, KeyLimits> byKey) {
        this.defaults = defaults;
        this.byKey = Map.copyOf(byKey);
    }

    /** What a budget counts. */
    public enum Measure { TOKENS, COST }

    /** The calendar period a budget covers, in UTC. */
    public enum Period { DAY, MONTH }

    /** At most {@code amount} tokens or cost per day or month. */
    public record Budget(Measure measure, Period period, double amount) {

        /** @return the security.yaml name of this budget, such as {@code tokens_per_day} */
        public String name() {
            return measure.name().toLowerCase(java.util.Locale.ROOT) + "_per_"
                    + period.name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * @param tokensPerMinute tokens a minute, 0 for no limit
     * @param budgets the budgets that apply
     */
    public record KeyLimits(long tokensPerMinute, List<Budget> budgets) {

        public KeyLimits {
            budgets = List.copyOf(budgets);
        }
    }

    /**
     * @throws ConfigException naming the key and the field when a limit is not a positive number
     */
    public static LimitRules fromSecurityYaml(Map<String, Object> yaml) {
        String where = "security.yaml";
        Map<String, Object> defaultSection = ConfigValues.map(yaml, "default", where);
        KeyLimits defaults = limits(defaultSection, null, where + " default");
        Map<String, KeyLimits> byKey = new HashMap<>();
        for (Map<String, Object> entry : ConfigValues.mapList(yaml, "api_keys", where)) {
            String id = ConfigValues.string(entry, "id", where + " api_keys");
            if (id != null) {
                byKey.put(id, limits(entry, defaults, where + " api_keys[" + id + "]"));
            }
        }
        return new LimitRules(defaults, byKey);
    }

    /** @return the limits of the key with that id; {@code default}'s for a key security.yaml does not list */
    public KeyLimits of(String keyId) {
        return byKey.getOrDefault(keyId, defaults);
    }

    private static KeyLimits limits(Map<String, Object> node, KeyLimits fallback, String where) {
        Map<String, Object> rate = ConfigValues.map(node, "rate_limit", where);
        long tokensPerMinute = rate.containsKey("tokens_per_minute")
                ? (long) positive(rate, "tokens_per_minute", where + " rate_limit")
                : fallback == null ? 0 : fallback.tokensPerMinute();
        Map<String, Object> budgetNode = ConfigValues.map(node, "budget", where);
        for (String key : budgetNode.keySet()) {
            if (!BUDGET_KEYS.contains(key)) {
                throw new ConfigException(where + " budget: unknown key '" + key + "' (known: " + BUDGET_KEYS + ")");
            }
        }
        List<Budget> budgets = new ArrayList<>();
        for (Measure measure : Measure.values()) {
            for (Period period : Period.values()) {
                Budget template = new Budget(measure, period, 0);
                if (budgetNode.containsKey(template.name())) {
                    budgets.add(new Budget(measure, period, positive(budgetNode, template.name(), where + " budget")));
                } else if (fallback != null) {
                    fallback.budgets().stream().filter(b -> b.name().equals(template.name())).forEach(budgets::add);
                }
            }
        }
        return new KeyLimits(tokensPerMinute, budgets);
    }

    private static double positive(Map<String, Object> node, String key, String where) {
        double value = ConfigValues.number(node, key, 0, where);
        if (!(value > 0)) {
            throw new ConfigException(where + ": '" + key + "' must be a number above 0, not " + node.get(key));
        }
        return value;
    }
}
