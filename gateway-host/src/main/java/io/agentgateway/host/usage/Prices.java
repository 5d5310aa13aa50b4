package io.agentgateway.host.usage;

import io.agentgateway.host.config.ConfigException;
import io.agentgateway.host.config.ConfigValues;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The optional price table, prices.yaml ({@code GATEWAY_PRICES_CONFIG}): per model id ({@code <upstream>/<model>},
 * or {@code <upstream>/*} for every model of an upstream), what a million prompt and completion tokens cost.
 * <pre>
 * currency: USD
 * models:
 *   openai/gpt-4o-mini: {prompt_per_million: 0.15, completion_per_million: 0.60}
 *   ollama/*: {prompt_per_million: 0, completion_per_million: 0}
 * </pre>
 * A model without a price costs 0.
 */
public final class Prices {

    /** No price for any model. */
    public static final Prices NONE = new Prices("USD", Map.of());

    private static final Set<String> TOP_KEYS = Set.of("version", "currency", "models");
    private static final Set<String> PRICE_KEYS = Set.of("prompt_per_million", "completion_per_million");

    private final String currency;
    private final Map<String, Price> byModel;

    private Prices(String currency, Map<String, Price> byModel) {
        this.currency = currency;
        this.byModel = Map.copyOf(byModel);
    }

    /** What a million tokens of each kind cost. */
    public record Price(double promptPerMillion, double completionPerMillion) {
    }

    /**
     * @param yaml the file's content; empty when the file is missing
     * @param where the file's name, for messages
     * @throws ConfigException when an entry is not a price
     */
    public static Prices parse(Map<String, Object> yaml, String where) {
        unknownKeys(yaml, TOP_KEYS, where);
        String currency = ConfigValues.string(yaml, "currency", where);
        Map<String, Object> models = ConfigValues.map(yaml, "models", where);
        Map<String, Price> byModel = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : models.entrySet()) {
            String context = where + " models['" + entry.getKey() + "']";
            if (!(entry.getValue() instanceof Map<?, ?>)) {
                throw new ConfigException(context + ": give {prompt_per_million: <number>,"
                        + " completion_per_million: <number>}");
            }
            Map<String, Object> price = ConfigValues.map(models, entry.getKey(), where);
            unknownKeys(price, PRICE_KEYS, context);
            double prompt = ConfigValues.number(price, "prompt_per_million", 0, context);
            double completion = ConfigValues.number(price, "completion_per_million", 0, context);
            if (prompt < 0 || completion < 0) {
                throw new ConfigException(context + ": prices cannot be negative");
            }
            byModel.put(entry.getKey(), new Price(prompt, completion));
        }
        return new Prices(currency == null || currency.isBlank() ? "USD" : currency, byModel);
    }

    /** @return the currency costs are in */
    public String currency() {
        return currency;
    }

    /** @return what the tokens cost with {@code model} ({@code <upstream>/<model>}); 0 without a price */
    public double cost(String model, long promptTokens, long completionTokens) {
        Price price = byModel.get(model);
        if (price == null) {
            int slash = model.indexOf('/');
            price = slash > 0 ? byModel.get(model.substring(0, slash) + "/*") : null;
        }
        if (price == null) {
            return 0;
        }
        return (promptTokens * price.promptPerMillion() + completionTokens * price.completionPerMillion())
                / 1_000_000.0;
    }

    private static void unknownKeys(Map<String, Object> node, Set<String> known, String where) {
        for (String key : node.keySet()) {
            if (!known.contains(key)) {
                throw new ConfigException(where + ": unknown key '" + key + "' (known: " + known + ")");
            }
        }
    }
}
