package io.agentgateway.host.http;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The latest API requests ({@code /v1/...} and {@code /mcp}), at most {@link #CAPACITY}, and counts of every API
 * request since start: what the console shows as the latest requests, the request rate, latency and errors. Fed by
 * {@link RequestLogFilter} where it writes the {@code http.request} log line, with that line's fields but only those
 * that hold no secret: ids, method, path, status, latency, model, upstream, tokens; never a key or a body. Admin
 * routes, health checks and pages are left out (admin actions are in the audit trail, {@code GET /audit}), and so are
 * the console's own reads ({@link #CONSOLE_HEADER}), so that its polling neither pushes the API's requests out nor
 * counts as traffic. Every request, those included, is still logged and counted in the metrics.
 */
public final class RecentRequests {

    /** Sent by the console with each of its reads: such requests are not listed nor counted here. */
    public static final String CONSOLE_HEADER = "x-agent-gateway-console";

    /** How many requests are kept; older ones are dropped as new ones come. */
    public static final int CAPACITY = 100;

    /**
     * One finished request, as logged.
     *
     * @param latencyMs from the request's start to the end of its response
     * @param keyId the id of the key it came with (never the key), or null
     * @param totalTokens the tokens its upstream calls used, or null when it made none
     */
    public record Entry(Instant at, String requestId, String method, String path, int status, double latencyMs,
            String keyId, String model, String upstream, Long totalTokens) {

        Map<String, Object> toJson() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("at", at.toString());
            out.put("request_id", requestId);
            out.put("method", method);
            out.put("path", path);
            out.put("status", status);
            out.put("latency_ms", latencyMs);
            out.put("key_id", keyId);
            out.put("model", model);
            out.put("upstream", upstream);
            out.put("total_tokens", totalTokens);
            return out;
        }
    }

    private final Entry[] ring = new Entry[CAPACITY];
    private int next;
    private long requests;
    private long clientErrors;
    private long serverErrors;
    private double latencyMsTotal;

    /** @return whether a request to {@code path} is an API request, listed here */
    static boolean isApi(String path) {
        return path.startsWith("/v1/") || path.equals("/mcp") || path.startsWith("/mcp/");
    }

    /** Keeps {@code entry} if it is an API request; the oldest one goes when {@link #CAPACITY} are kept. */
    public synchronized void add(Entry entry) {
        if (!isApi(entry.path())) {
            return;
        }
        ring[next] = entry;
        next = (next + 1) % CAPACITY;
        requests++;
        latencyMsTotal += entry.latencyMs();
        if (entry.status() >= 500) {
            serverErrors++;
        } else if (entry.status() >= 400) {
            clientErrors++;
        }
    }

    /** @return the kept requests, newest first */
    public synchronized List<Entry> latest() {
        List<Entry> out = new ArrayList<>(CAPACITY);
        for (int i = 1; i <= CAPACITY; i++) {
            Entry entry = ring[Math.floorMod(next - i, CAPACITY)];
            if (entry == null) {
                break;
            }
            out.add(entry);
        }
        return out;
    }

    /**
     * @return API requests since start: {@code requests}, {@code client_errors} (4xx, 499 included),
     *     {@code server_errors} (5xx) and {@code latency_ms_total}; a reader takes rates from two readings
     */
    public synchronized Map<String, Object> totals() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("requests", requests);
        out.put("client_errors", clientErrors);
        out.put("server_errors", serverErrors);
        out.put("latency_ms_total", Math.round(latencyMsTotal * 100) / 100.0);
        return out;
    }
}
