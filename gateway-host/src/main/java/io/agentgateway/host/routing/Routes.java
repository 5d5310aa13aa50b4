package io.agentgateway.host.routing;

import static java.util.Objects.requireNonNull;

import io.agentgateway.host.config.ModelGroup;
import io.agentgateway.host.config.TargetChecks;
import io.agentgateway.host.config.UpstreamEntry;
import io.agentgateway.host.models.ModelEntry;
import io.agentgateway.host.models.ModelKind;
import io.agentgateway.host.upstreams.UpstreamRegistry;
import io.helidon.metrics.api.MeterRegistry;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;

/**
 * Every route the gateway calls upstreams through: one per model group of upstreams.yaml, and one per
 * {@code <upstream>/<model>} asked for (made on first use). Targets are shared: a group's target and the same
 * {@code <upstream>/<model>} called directly are one {@link TargetState}, so they see each other's load and failures.
 */
public final class Routes {

    /** The wait before a first same-target retry when the upstream named none; it doubles with each retry. */
    public static final Duration FIRST_RETRY_BACKOFF = Duration.ofMillis(200);
    /** How many routes to models that no config or listing names are kept, the least recently used dropped first. */
    static final int MAX_UNNAMED_ROUTES = 256;
    /** The group owner shown in {@code /v1/models}. */
    static final String GROUP_OWNER = "gateway";

    private final UpstreamRegistry upstreams;
    private final Map<String, Integer> retriesByUpstream;
    private final Map<String, TargetChecks> checksByUpstream;
    private final Map<String, UpstreamHealth> healthByUpstream = new ConcurrentHashMap<>();
    private final TargetMetrics metrics;
    private final Map<String, RouteHandler> groups = new LinkedHashMap<>();
    private final Map<String, RouteHandler> singles = new ConcurrentHashMap<>();
    private final Map<String, TargetState> targets = new ConcurrentHashMap<>();
    /** Routes to models no config or listing names, least recently used first; guarded by itself. */
    private final Map<String, RouteHandler> unnamed = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, RouteHandler> eldest) {
            return size() > MAX_UNNAMED_ROUTES;
        }
    };
    private final Duration firstBackoff;
    private final RandomGenerator random;

    /**
     * @param entries upstreams.yaml's entries, for each upstream's {@code retries}
     * @param groups upstreams.yaml's groups
     */
    public Routes(UpstreamRegistry upstreams, List<UpstreamEntry> entries, List<ModelGroup> groups,
            Duration firstBackoff, RandomGenerator random) {
        this(upstreams, entries, groups, firstBackoff, random, null);
    }

    /** @param meters where each target's state is shown as gauges, or null for none */
    public Routes(UpstreamRegistry upstreams, List<UpstreamEntry> entries, List<ModelGroup> groups,
            Duration firstBackoff, RandomGenerator random, MeterRegistry meters) {
        this.upstreams = requireNonNull(upstreams, "upstreams is null");
        this.metrics = meters == null ? null : new TargetMetrics(meters, upstreams.meteredModels());
        Map<String, TargetChecks> checks = new HashMap<>();
        entries.forEach(entry -> checks.put(entry.name(), entry.checks()));
        this.checksByUpstream = Map.copyOf(checks);
        this.firstBackoff = requireNonNull(firstBackoff, "firstBackoff is null");
        this.random = requireNonNull(random, "random is null");
        Map<String, Integer> retries = new HashMap<>();
        entries.forEach(entry -> retries.put(entry.name(), entry.retries()));
        this.retriesByUpstream = Map.copyOf(retries);
        for (ModelGroup group : groups) {
            // A group's targets are configured: their models may be metric labels, listed by the server or not.
            group.targets().forEach(t -> upstreams.meteredModels().add(t.upstream(), List.of(t.model())));
            group.fallbacks().stream()
                    .filter(f -> f.indexOf('/') > 0 && groups.stream().noneMatch(g -> g.id().equals(f)))
                    .forEach(f -> upstreams.meteredModels().add(f.substring(0, f.indexOf('/')),
                            List.of(f.substring(f.indexOf('/') + 1))));
            List<Candidate> candidates = group.targets().stream()
                    .map(t -> new Candidate(target(t.upstream(), t.model()), t.weight(), t.priority()))
                    .toList();
            this.groups.put(group.id(), handler(new Route(group.id(), group.strategy(), candidates,
                    group.fallbacks(), group.attempts(), this::routeOf)));
        }
    }

    /** @return routes with no groups, each upstream called once per request (no retries): the in-process runtime */
    public static Routes of(UpstreamRegistry upstreams) {
        return new Routes(upstreams, List.of(), List.of(), FIRST_RETRY_BACKOFF, RandomGenerator.getDefault());
    }

    /** @return the group named {@code id}, if upstreams.yaml has one */
    public Optional<RouteHandler> group(String id) {
        return Optional.ofNullable(groups.get(id));
    }

    /**
     * @return the route to one upstream's model; the same handler each time for the same id. A model no config or
     *     listing names (a client may send any {@code <upstream>/<model>}, and it is routed) gets a route of its own
     *     that is kept only among the last {@link #MAX_UNNAMED_ROUTES} such ids used, and no gauges, so that made-up
     *     ids cannot grow the gateway's state; it shares no target state with anything else
     */
    public RouteHandler single(String upstream, String model) {
        String id = upstream + "/" + model;
        if (!upstreams.meteredModels().named(upstream, model)) {
            synchronized (unnamed) {
                return unnamed.computeIfAbsent(id, key -> singleRoute(key, upstream, new TargetState(upstream, model,
                        health(upstream), checksByUpstream.getOrDefault(upstream, TargetChecks.DEFAULTS))));
            }
        }
        RouteHandler handler = singles.get(id);
        if (handler != null) {
            return handler;
        }
        synchronized (unnamed) {
            unnamed.remove(id); // named since (the server listed it): its state is kept from now on
        }
        return singles.computeIfAbsent(id, key -> singleRoute(key, upstream, target(upstream, model)));
    }

    private RouteHandler singleRoute(String id, String upstream, TargetState target) {
        int attempts = 1 + retriesByUpstream.getOrDefault(upstream, 0);
        return handler(new Route(id, ModelGroup.Strategy.WEIGHTED, List.of(new Candidate(target, 1, 0)), List.of(),
                attempts, this::routeOf));
    }

    /**
     * @return the route to a model the configuration names (an agent's model, from agents.yaml or a plugin), which
     *     the upstream metrics may then name whether or not the server lists it
     */
    public RouteHandler configured(String upstream, String model) {
        upstreams.meteredModels().add(upstream, List.of(model));
        return single(upstream, model);
    }

    /** @return the opened upstream of that name, for calls that are not chat (embeddings), if configured */
    public Optional<io.agentgateway.api.upstream.Upstream> upstream(String name) {
        return upstreams.find(name);
    }

    /** @return whether {@code upstream} is configured and opened */
    public boolean hasUpstream(String upstream) {
        return upstreams.find(upstream).isPresent();
    }

    /**
     * The {@code UnlistedModels} of upstreams: {@code <upstream>/<model>} for every opened upstream, even for a model
     * its last listing did not show.
     */
    public Optional<ModelEntry> unlistedModel(String id) {
        int slash = id.indexOf('/');
        if (slash <= 0 || slash == id.length() - 1 || !hasUpstream(id.substring(0, slash))) {
            return Optional.empty();
        }
        String upstream = id.substring(0, slash);
        return Optional.of(new ModelEntry(id, upstream, ModelKind.UPSTREAM, "", null,
                single(upstream, id.substring(slash + 1))));
    }

    /** @return a catalog entry per group, listed by {@code /v1/models} like models */
    public List<ModelEntry> groupEntries() {
        return groups.values().stream()
                .map(handler -> new ModelEntry(handler.route().id(), GROUP_OWNER, ModelKind.GROUP,
                        "", Map.of(), handler))
                .toList();
    }

    /** @return every target called or named so far */
    public Collection<TargetState> targets() {
        return List.copyOf(targets.values());
    }

    /** @return the active health of {@code upstream}'s targets (healthy until a {@code health_path} check fails) */
    public UpstreamHealth health(String upstream) {
        return healthByUpstream.computeIfAbsent(upstream, name -> new UpstreamHealth());
    }

    /**
     * @return what routing knows of {@code upstream} for {@code GET /upstreams}: when it has active checks, their
     *     result ({@code healthy}, {@code last_checked}, {@code last_error}); always its targets' state
     */
    public Map<String, Object> describe(String upstream, boolean activeChecks) {
        Map<String, Object> out = new LinkedHashMap<>();
        UpstreamHealth health = health(upstream);
        if (activeChecks) {
            out.put("healthy", health.healthy());
            out.put("last_checked", health.lastChecked() == null ? null : health.lastChecked().toString());
            out.put("last_error", health.lastError());
        }
        out.put("targets", targetsOf(upstream).stream().map(target -> {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("target", target.id());
            view.put("available", target.available());
            view.put("circuit", target.circuit());
            view.put("in_flight", target.inFlight());
            view.put("latency_ms", target.latencyMillis() < 0 ? null : Math.round(target.latencyMillis() * 10) / 10.0);
            return view;
        }).toList());
        return out;
    }

    /** @return the targets of {@code upstream} called or named so far */
    public List<TargetState> targetsOf(String upstream) {
        return targets.values().stream().filter(t -> t.upstream().equals(upstream))
                .sorted(java.util.Comparator.comparing(TargetState::id)).toList();
    }

    private TargetState target(String upstream, String model) {
        return targets.computeIfAbsent(upstream + "/" + model, id -> {
            TargetState state = new TargetState(upstream, model, health(upstream),
                    checksByUpstream.getOrDefault(upstream, TargetChecks.DEFAULTS));
            if (metrics != null) {
                metrics.register(state);
            }
            return state;
        });
    }

    private Route routeOf(String id) {
        RouteHandler group = groups.get(id);
        if (group != null) {
            return group.route();
        }
        int slash = id.indexOf('/');
        return slash > 0 ? single(id.substring(0, slash), id.substring(slash + 1)).route() : null;
    }

    private RouteHandler handler(Route route) {
        return new RouteHandler(route, upstreams::find, firstBackoff, random);
    }
}
