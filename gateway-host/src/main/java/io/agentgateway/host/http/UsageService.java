package io.agentgateway.host.http;

import static java.util.Objects.requireNonNull;

import io.agentgateway.host.json.Json;
import io.agentgateway.host.openai.GatewayException;
import io.agentgateway.host.store.UsageStore;
import io.agentgateway.host.store.UsageSummary;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Admin route {@code GET /usage}: tokens and cost summed by key, model, upstream and agent, optionally for one key
 * ({@code key_id}), one model ({@code model}, as {@code <upstream>/<model>}) and a time range ({@code from}
 * inclusive, {@code to} exclusive; ISO instants or dates, UTC).
 */
public final class UsageService implements HttpService {

    private final UsageStore store;
    private final String currency;

    public UsageService(UsageStore store, String currency) {
        this.store = requireNonNull(store, "store is null");
        this.currency = requireNonNull(currency, "currency is null");
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::usage);
    }

    private void usage(ServerRequest req, ServerResponse res) {
        String keyId = req.query().first("key_id").orElse(null);
        String model = req.query().first("model").orElse(null);
        Instant from = instant(req, "from");
        Instant to = instant(req, "to");
        List<UsageSummary> rows = store.summarize(keyId, model, from, to);
        long calls = 0;
        long prompt = 0;
        long completion = 0;
        double cost = 0;
        for (UsageSummary row : rows) {
            calls += row.calls();
            prompt += row.promptTokens();
            completion += row.completionTokens();
            cost += row.cost();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("object", "usage");
        out.put("currency", currency);
        out.put("from", from == null ? null : from.toString());
        out.put("to", to == null ? null : to.toString());
        out.put("data", rows.stream().map(UsageService::describe).toList());
        out.put("total", totals(calls, prompt, completion, cost));
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(Json.write(out));
    }

    private static Map<String, Object> describe(UsageSummary row) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("key_id", row.keyId());
        out.put("model", row.model());
        out.put("upstream", row.upstream());
        out.put("agent", row.agent());
        out.putAll(totals(row.calls(), row.promptTokens(), row.completionTokens(), row.cost()));
        return out;
    }

    private static Map<String, Object> totals(long calls, long prompt, long completion, double cost) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("calls", calls);
        out.put("prompt_tokens", prompt);
        out.put("completion_tokens", completion);
        out.put("total_tokens", prompt + completion);
        out.put("cost", cost);
        return out;
    }

    private static Instant instant(ServerRequest req, String name) {
        String value = req.query().first(name).orElse(null);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new GatewayException(400, "invalid_request_error", "invalid_value", name,
                    "'" + name + "' must be an ISO-8601 instant (2026-12-01T00:00:00Z) or a date (2026-12-01), not '"
                            + value + "'.");
        }
    }
}
