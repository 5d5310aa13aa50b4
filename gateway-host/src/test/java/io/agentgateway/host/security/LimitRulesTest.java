package io.agentgateway.host.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.agentgateway.host.config.ConfigException;
import io.agentgateway.host.security.LimitRules.Budget;
import io.agentgateway.host.security.LimitRules.KeyLimits;
import io.agentgateway.host.security.LimitRules.Measure;
import io.agentgateway.host.security.LimitRules.Period;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Token limits and budgets per key, each field falling back to default's, and refused when not positive. */
class LimitRulesTest {

    private static final Map<String, Object> DEFAULTS = Map.of(
            "rate_limit", Map.of("per_minute", 60, "tokens_per_minute", 1000),
            "budget", Map.of("tokens_per_day", 5000, "cost_per_month", 20));

    @Test
    void aKeyTakesWhatItSetsAndDefaultsForTheRest() {
        LimitRules rules = LimitRules.fromSecurityYaml(Map.of("default", DEFAULTS, "api_keys", List.of(
                Map.of("id", "small", "rate_limit", Map.of("tokens_per_minute", 10),
                        "budget", Map.of("tokens_per_day", 100, "cost_per_day", 1.5)),
                Map.of("id", "plain"))));

        KeyLimits small = rules.of("small");
        assertEquals(10, small.tokensPerMinute());
        assertEquals(List.of(
                new Budget(Measure.TOKENS, Period.DAY, 100),
                new Budget(Measure.COST, Period.DAY, 1.5),
                new Budget(Measure.COST, Period.MONTH, 20)), small.budgets());

        KeyLimits defaults = new KeyLimits(1000, List.of(
                new Budget(Measure.TOKENS, Period.DAY, 5000), new Budget(Measure.COST, Period.MONTH, 20)));
        assertEquals(defaults, rules.of("plain"), "a key that sets nothing has default's limits");
        assertEquals(defaults, rules.of("not-in-the-file"));
    }

    @Test
    void withoutDefaultsAKeyHasOnlyWhatItSets() {
        LimitRules rules = LimitRules.fromSecurityYaml(Map.of("api_keys", List.of(
                Map.of("id", "capped", "budget", Map.of("tokens_per_month", 7)),
                Map.of("id", "free"))));
        assertEquals(new KeyLimits(0, List.of(new Budget(Measure.TOKENS, Period.MONTH, 7))), rules.of("capped"));
        assertEquals(LimitRules.NONE, rules.of("free"));
        assertEquals(LimitRules.NONE, LimitRules.fromSecurityYaml(Map.of()).of("anyone"));
    }

    @Test
    void budgetsAreNamedAsSecurityYamlNamesThem() {
        assertEquals("tokens_per_day", new Budget(Measure.TOKENS, Period.DAY, 1).name());
        assertEquals("cost_per_month", new Budget(Measure.COST, Period.MONTH, 1).name());
    }

    @Test
    void aLimitThatIsNotAboveZeroIsRefusedNamingTheKeyAndTheField() {
        assertEquals("security.yaml api_keys[ci] rate_limit: 'tokens_per_minute' must be a number above 0, not 0",
                refusal(Map.of("api_keys", List.of(Map.of("id", "ci", "rate_limit", Map.of("tokens_per_minute", 0))))));
        assertEquals("security.yaml default budget: 'cost_per_day' must be a number above 0, not -1",
                refusal(Map.of("default", Map.of("budget", Map.of("cost_per_day", -1)))));
        assertEquals("security.yaml api_keys[ci] budget: 'tokens_per_day' must be a number above 0, not NaN",
                refusal(Map.of("api_keys", List.of(Map.of("id", "ci", "budget", Map.of("tokens_per_day", "NaN"))))));
        assertEquals("security.yaml api_keys[ci] budget: unknown key 'tokens_per_week' (known: [tokens_per_day,"
                        + " tokens_per_month, cost_per_day, cost_per_month])",
                refusal(Map.of("api_keys", List.of(Map.of("id", "ci", "budget", Map.of("tokens_per_week", 5))))));
    }

    @Test
    void theSmallestPositiveLimitIsAccepted() {
        LimitRules rules = LimitRules.fromSecurityYaml(Map.of("api_keys", List.of(
                Map.of("id", "tiny", "budget", Map.of("cost_per_day", 0.001)))));
        assertEquals(0.001, rules.of("tiny").budgets().getFirst().amount());
    }

    private static String refusal(Map<String, Object> yaml) {
        return assertThrows(ConfigException.class, () -> LimitRules.fromSecurityYaml(yaml)).getMessage();
    }
}
