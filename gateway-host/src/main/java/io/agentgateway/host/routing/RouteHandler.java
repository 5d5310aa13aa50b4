package io.agentgateway.host.routing;

import static java.util.Objects.requireNonNull;

import io.agentgateway.api.upstream.ChatRequest;
import io.agentgateway.api.upstream.ChunkSink;
import io.agentgateway.api.upstream.Upstream;
import io.agentgateway.api.upstream.UpstreamException;
import io.agentgateway.host.models.ModelHandler;
import io.agentgateway.host.models.TargetListener;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * Answers a model id by its {@link Route}: each call goes to the plan's next available target under that target's own
 * model name, and moves on as {@link Attempts} allows. A stream moves only while nothing has reached the client: once
 * a chunk has, a failure ends the stream as it is.
 */
public final class RouteHandler implements ModelHandler {

    private final Route route;
    private final Function<String, Optional<Upstream>> upstreams;
    private final Duration firstBackoff;
    private final RandomGenerator random;

    RouteHandler(Route route, Function<String, Optional<Upstream>> upstreams, Duration firstBackoff,
            RandomGenerator random) {
        this.route = requireNonNull(route, "route is null");
        this.upstreams = requireNonNull(upstreams, "upstreams is null");
        this.firstBackoff = requireNonNull(firstBackoff, "firstBackoff is null");
        this.random = requireNonNull(random, "random is null");
    }

    public Route route() {
        return route;
    }

    @Override
    public Map<String, Object> complete(ChatRequest request) throws UpstreamException {
        return complete(request, TargetListener.NONE);
    }

    @Override
    public void stream(ChatRequest request, ChunkSink sink) throws UpstreamException {
        stream(request, sink, TargetListener.NONE);
    }

    @Override
    public Map<String, Object> complete(ChatRequest request, TargetListener targets) throws UpstreamException {
        Attempts attempts = attempts(request);
        while (true) {
            Candidate target = attempts.next();
            Upstream upstream = begin(target, targets);
            long started = System.nanoTime();
            try {
                Map<String, Object> completion = Calls.through(target.state(), request,
                        () -> upstream.complete(renamed(request, target)));
                target.state().answeredIn(System.nanoTime() - started);
                return completion;
            } catch (UpstreamException e) {
                attempts.failed(target, e);
            } finally {
                target.state().ended();
            }
        }
    }

    @Override
    public void stream(ChatRequest request, ChunkSink sink, TargetListener targets) throws UpstreamException {
        Attempts attempts = attempts(request);
        boolean[] delivered = {false};
        while (true) {
            Candidate target = attempts.next();
            Upstream upstream = begin(target, targets);
            long started = System.nanoTime();
            try {
                Calls.through(target.state(), request, () -> {
                    upstream.stream(renamed(request, target), chunk -> {
                        if (!delivered[0]) {
                            delivered[0] = true;
                            target.state().answeredIn(System.nanoTime() - started);
                        }
                        return sink.accept(chunk);
                    });
                    return null;
                });
                return;
            } catch (UpstreamException e) {
                if (delivered[0]) {
                    throw e; // the client has chunks of this answer: another target's cannot follow them
                }
                attempts.failed(target, e);
            } finally {
                target.state().ended();
            }
        }
    }

    /** @return the target's upstream, once the listener knows the target and the target counts the call in flight */
    private Upstream begin(Candidate target, TargetListener targets) {
        Upstream upstream = upstreams.apply(target.state().upstream()).orElseThrow();
        targets.calling(target.id());
        target.state().started();
        return upstream;
    }

    private Attempts attempts(ChatRequest request) {
        List<Candidate> plan = route.plan(random);
        return new Attempts(route.id(), plan, route.attempts(plan.size()),
                candidate -> candidate.state().available()
                        && upstreams.apply(candidate.state().upstream()).isPresent(), request, firstBackoff);
    }

    private static ChatRequest renamed(ChatRequest request, Candidate target) {
        Map<String, Object> body = new LinkedHashMap<>(request.body());
        body.put("model", target.state().model());
        return request.withBody(body);
    }
}
