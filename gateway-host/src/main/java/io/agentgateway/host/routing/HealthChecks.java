package io.agentgateway.host.routing;

import static java.util.Objects.requireNonNull;

import io.agentgateway.api.http.HttpClient;
import io.agentgateway.api.http.HttpRequest;
import io.agentgateway.api.http.HttpResponse;
import io.agentgateway.api.upstream.UpstreamSettings;
import io.agentgateway.host.config.TargetChecks;
import io.agentgateway.host.config.UpstreamEntry;
import io.agentgateway.host.observe.EventLog;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Active health checks: every upstream with a {@code health_path} is asked {@code GET <base_url><health_path>} every
 * {@code health_interval}; an answer of 2xx within {@code health_timeout} passes. A failing upstream's targets are
 * skipped by every route until a check passes again. Changes are logged as {@code upstream.health}.
 */
public final class HealthChecks implements AutoCloseable {

    private final List<Thread> checkers = new ArrayList<>();

    /**
     * @param clients the host's HTTP client for an upstream (its proxy, TLS and limits)
     */
    public HealthChecks(Routes routes, List<UpstreamEntry> entries, Function<UpstreamSettings, HttpClient> clients) {
        requireNonNull(routes, "routes is null");
        for (UpstreamEntry entry : entries) {
            TargetChecks checks = entry.checks();
            if (checks.healthPath() == null) {
                continue;
            }
            UpstreamHealth health = routes.health(entry.name());
            checkers.add(Thread.ofVirtual().name("health-" + entry.name()).start(() -> {
                HttpClient client = clients.apply(entry.settings());
                URI uri = URI.create(entry.settings().baseUrl().replaceAll("/+$", "") + checks.healthPath());
                try {
                    while (!Thread.currentThread().isInterrupted()) {
                        check(entry, client, uri, health);
                        Thread.sleep(checks.healthInterval());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    client.close();
                }
            }));
        }
    }

    private static void check(UpstreamEntry entry, HttpClient client, URI uri, UpstreamHealth health) {
        String error = null;
        try {
            HttpRequest.Builder request = HttpRequest.get(uri).timeout(entry.checks().healthTimeout());
            if (entry.settings().apiKey() != null) {
                request.header("Authorization", "Bearer " + entry.settings().apiKey());
            }
            try (HttpResponse response = client.send(request.build())) {
                if (response.status() / 100 != 2) {
                    error = "GET " + entry.checks().healthPath() + " answered " + response.status();
                }
            }
        } catch (Exception e) {
            error = "GET " + entry.checks().healthPath() + " failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        if (health.checked(error == null, error, Instant.now())) {
            EventLog.log(error == null ? System.Logger.Level.INFO : System.Logger.Level.WARNING, "upstream.health",
                    "upstream", entry.name(), "healthy", error == null, "error", error);
        }
    }

    @Override
    public void close() {
        checkers.forEach(Thread::interrupt);
    }
}
