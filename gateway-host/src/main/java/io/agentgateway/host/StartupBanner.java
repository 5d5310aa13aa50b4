package io.agentgateway.host;

import static java.util.Objects.requireNonNull;

import io.agentgateway.host.models.ModelEntry;
import io.agentgateway.host.models.ModelKind;
import io.agentgateway.host.plugins.FoundPlugin;
import io.agentgateway.host.upstreams.UpstreamStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The block a person sees when the gateway starts: where to point a client, what to open in a browser, which plugins
 * run, which upstreams answered, and what models there are. The structured {@code gateway.started} log event says the
 * same for machines; this is for a new user reading a terminal.
 *
 * @param baseUrl {@code http://host:port}, with a host a browser on this machine can open
 * @param apiDocs whether {@code /openapi} and {@code /docs} are served
 * @param console whether {@code /console} is served
 * @param plugins every plugin found, whatever became of it
 * @param upstreams every configured upstream, as last seen
 * @param models every routable model
 * @param keyless security.yaml says {@code auth: none}: requests need no key, which the banner says first
 */
public record StartupBanner(String baseUrl, boolean apiDocs, boolean console, List<FoundPlugin> plugins,
                            List<UpstreamStatus> upstreams, List<ModelEntry> models, boolean keyless) {

    /** More model ids than this are summarised: a cloud upstream lists a hundred. */
    static final int MODELS_SHOWN = 12;

    public StartupBanner {
        requireNonNull(baseUrl, "baseUrl is null");
        plugins = List.copyOf(plugins);
        upstreams = upstreams.stream().sorted(java.util.Comparator.comparing(u -> u.entry().name())).toList();
        models = List.copyOf(models);
    }

    /** A gateway that needs keys. */
    public StartupBanner(String baseUrl, boolean apiDocs, boolean console, List<FoundPlugin> plugins,
                         List<UpstreamStatus> upstreams, List<ModelEntry> models) {
        this(baseUrl, apiDocs, console, plugins, upstreams, models, false);
    }

    /** @return {@code http://host:port} for a server bound to {@code host}; a wildcard bind reads as localhost */
    public static String baseUrl(String host, int port) {
        String shown = switch (host) {
            case "0.0.0.0", "::", "[::]", "" -> "localhost";
            default -> host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        };
        return "http://" + shown + ":" + port;
    }

    /** @return the banner, lines ending in {@code \n} */
    public String render() {
        StringBuilder out = new StringBuilder();
        out.append("\nAgent Gateway is serving on ").append(baseUrl).append('\n');
        if (keyless) {
            out.append("  WARNING  security.yaml says 'auth: none': every request is let in without a key"
                    + " (admin routes still need an admin key)\n");
        }
        out.append("  API      ").append(baseUrl).append("/v1   (OpenAI clients: base URL and a key of security.yaml)\n");
        if (apiDocs) {
            out.append("  Docs     ").append(baseUrl).append("/docs\n");
        }
        if (console) {
            out.append("  Console  ").append(baseUrl).append("/console   (an admin key)\n");
        }
        out.append("Plugins (").append(plugins.size()).append(")\n");
        if (plugins.isEmpty()) {
            out.append("  none found in the plugins folder\n");
        }
        for (FoundPlugin plugin : plugins) {
            out.append(String.format("  %-22s %-15s %s%n", plugin.id(),
                    plugin.version() == null ? "-" : plugin.version(),
                    plugin.started() ? "started" : plugin.state().label() + ": " + plugin.error()));
        }
        out.append("Upstreams (").append(upstreams.size()).append(")\n");
        Map<String, Integer> modelsByUpstream = modelsByUpstream();
        for (UpstreamStatus upstream : upstreams) {
            out.append(String.format("  %-22s %s%n", upstream.entry().name(),
                    answer(upstream, modelsByUpstream.getOrDefault(upstream.entry().name(), 0))));
        }
        out.append("Models (").append(models.size()).append(")\n");
        appendModels(out, ModelKind.UPSTREAM, "upstream");
        appendModels(out, ModelKind.AGENT, "agents  ");
        return out.toString();
    }

    private static String answer(UpstreamStatus upstream, int models) {
        if (upstream.healthy() && upstream.lastChecked() != null) {
            return "answered, " + models + (models == 1 ? " model" : " models");
        }
        String baseUrl = upstream.entry().settings().baseUrl();
        String at = baseUrl.isBlank() ? "" : " (" + baseUrl + ")";
        if (upstream.lastChecked() == null && upstream.healthy()) {
            return "no answer yet" + at + "; its listed models are routed";
        }
        return "not answering" + (upstream.lastChecked() == null ? "" : at) + ": " + upstream.lastError();
    }

    private Map<String, Integer> modelsByUpstream() {
        Map<String, Integer> counts = new TreeMap<>();
        models.stream().filter(m -> m.kind() == ModelKind.UPSTREAM)
                .forEach(m -> counts.merge(m.ownedBy(), 1, Integer::sum));
        return counts;
    }

    private void appendModels(StringBuilder out, ModelKind kind, String label) {
        List<String> ids = new ArrayList<>();
        models.stream().filter(m -> m.kind() == kind).forEach(m -> ids.add(m.id()));
        if (ids.isEmpty()) {
            return;
        }
        String shown = String.join(", ", ids.subList(0, Math.min(ids.size(), MODELS_SHOWN)));
        String more = ids.size() > MODELS_SHOWN
                ? " and " + (ids.size() - MODELS_SHOWN) + " more (GET /v1/models)"
                : "";
        out.append("  ").append(label).append(' ').append(shown).append(more).append('\n');
    }
}
