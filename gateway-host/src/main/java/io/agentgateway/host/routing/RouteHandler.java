package io.agentgateway.host.routing;

import static java.util.Objects.requireNonNull;

import io.agentgateway.api.upstream.ChatRequest;
import io.agentgateway.api.upstream.ChunkSink;
import io.agentgateway.api.upstream.JsonChunkSink;
import io.agentgateway.api.upstream.Upstream;
import io.agentgateway.api.upstream.UpstreamException;
import io.agentgateway.host.json.HostJsonCodec;
import io.agentgateway.host.models.ModelHandler;
import io.agentgateway.host.models.TargetListener;
import io.agentgateway.host.openai.ChatBody;
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
    private final UnavailableLog unavailable;

    RouteHandler(Route route, Function<String, Optional<Upstream>> upstreams, Duration firstBackoff,
            RandomGenerator random) {
        this.route = requireNonNull(route, "route is null");
        this.upstreams = requireNonNull(upstreams, "upstreams is null");
        this.firstBackoff = requireNonNull(firstBackoff, "firstBackoff is null");
        this.random = requireNonNull(random, "random is null");
        this.unavailable = new UnavailableLog(route.id());
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
        return answer(request, targets, (upstream, renamed, model) -> upstream.complete(renamed));
    }

    /** The same routing, the client's bytes sent on renamed, the answer the upstream's JSON. */
    @Override
    public byte[] completeJson(ChatRequest request, ChatBody body, TargetListener targets) throws UpstreamException {
        return answer(request, targets, (upstream, renamed, model) ->
                upstream.completeJson(renamed, body.forModel(model), HostJsonCodec.INSTANCE));
    }

    @Override
    public void stream(ChatRequest request, ChunkSink sink, TargetListener targets) throws UpstreamException {
        stream(request, targets, (upstream, renamed, model, delivered) -> upstream.stream(renamed, chunk -> {
            delivered.run();
            return sink.accept(chunk);
        }));
    }

    /** The same routing, the client's bytes sent on renamed, each chunk the upstream's JSON. */
    @Override
    public void streamJson(ChatRequest request, ChatBody body, JsonChunkSink sink, TargetListener targets)
            throws UpstreamException {
        stream(request, targets, (upstream, renamed, model, delivered) ->
                upstream.streamJson(renamed, body.forModel(model), new JsonChunkSink() {
                    @Override
                    public boolean accept(Map<String, Object> chunk) {
                        delivered.run();
                        return sink.accept(chunk);
                    }

                    @Override
                    public boolean acceptJson(String data) {
                        delivered.run();
                        return sink.acceptJson(data);
                    }
                }));
    }

    /** One whole answer from one target. */
    @FunctionalInterface
    private interface TargetCall<T> {
        T on(Upstream upstream, ChatRequest renamed, String model) throws UpstreamException;
    }

    /** One stream from one target; {@code delivered} runs before each chunk reaches the caller's sink. */
    @FunctionalInterface
    private interface TargetStream {
        void on(Upstream upstream, ChatRequest renamed, String model, Runnable delivered) throws UpstreamException;
    }

    private <T> T answer(ChatRequest request, TargetListener targets, TargetCall<T> call) throws UpstreamException {
        Attempts attempts = attempts(request);
        while (true) {
            Candidate target = attempts.next();
            Upstream upstream = begin(target, targets);
            long started = System.nanoTime();
            try {
                T completion = Calls.through(target.state(), request,
                        () -> call.on(upstream, renamed(request, target), target.state().model()));
                target.state().answeredIn(System.nanoTime() - started);
                return completion;
            } catch (UpstreamException e) {
                attempts.failed(target, e);
            } finally {
                target.state().ended();
            }
        }
    }

    private void stream(ChatRequest request, TargetListener targets, TargetStream call) throws UpstreamException {
        Attempts attempts = attempts(request);
        boolean[] delivered = {false};
        while (true) {
            Candidate target = attempts.next();
            Upstream upstream = begin(target, targets);
            long started = System.nanoTime();
            Runnable first = () -> {
                if (!delivered[0]) {
                    delivered[0] = true;
                    target.state().answeredIn(System.nanoTime() - started);
                }
            };
            try {
                Calls.through(target.state(), request, () -> {
                    call.on(upstream, renamed(request, target), target.state().model(), first);
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
                        && upstreams.apply(candidate.state().upstream()).isPresent(), request, firstBackoff,
                unavailable);
    }

    private static ChatRequest renamed(ChatRequest request, Candidate target) {
        Map<String, Object> body = new LinkedHashMap<>(request.body());
        body.put("model", target.state().model());
        return request.withBody(body);
    }
}
