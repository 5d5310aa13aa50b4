package io.agentgateway.host.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecentRequestsTest {

    private static RecentRequests.Entry request(String id, String path, int status, double latencyMs) {
        return new RecentRequests.Entry(Instant.EPOCH, id, "POST", path, status, latencyMs, "k", "demo/echo", "demo",
                null);
    }

    @Test
    void keepsTheLatestHundredNewestFirst() {
        RecentRequests recent = new RecentRequests();
        for (int i = 0; i < 250; i++) {
            recent.add(request("r" + i, "/v1/chat/completions", 200, 1));
        }
        List<RecentRequests.Entry> latest = recent.latest();
        assertEquals(RecentRequests.CAPACITY, latest.size());
        assertEquals("r249", latest.get(0).requestId());
        assertEquals("r150", latest.get(latest.size() - 1).requestId());
        assertEquals(250L, recent.totals().get("requests"), "the counts cover every request, not only those kept");
    }

    @Test
    void listsApiRequestsOnly() {
        RecentRequests recent = new RecentRequests();
        for (String path : List.of("/plugins", "/health", "/console", "/requests/recent", "/v1x", "/mcpx")) {
            recent.add(request(path, path, 200, 1));
        }
        recent.add(request("chat", "/v1/chat/completions", 200, 1));
        recent.add(request("mcp", "/mcp", 200, 1));
        assertEquals(List.of("mcp", "chat"), recent.latest().stream().map(RecentRequests.Entry::requestId).toList());
    }

    @Test
    void countsErrorsByClassAndSumsLatency() {
        RecentRequests recent = new RecentRequests();
        recent.add(request("a", "/v1/models", 200, 1.5));
        recent.add(request("b", "/v1/chat/completions", 404, 2));
        recent.add(request("c", "/v1/chat/completions", 499, 3));
        recent.add(request("d", "/v1/chat/completions", 502, 4));
        assertEquals(Map.of("requests", 4L, "client_errors", 2L, "server_errors", 1L, "latency_ms_total", 10.5),
                recent.totals());
    }
}
