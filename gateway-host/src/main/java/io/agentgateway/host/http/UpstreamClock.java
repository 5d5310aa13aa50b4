package io.agentgateway.host.http;

import io.agentgateway.api.upstream.ChunkSink;
import io.agentgateway.api.upstream.JsonChunkSink;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures how long one request waits on its upstream model server, so that {@link RequestLogFilter} can report the
 * gateway's own share of the latency ({@code agent_gateway_overhead_seconds} = total minus upstream). For a stream,
 * the time spent inside the sink (normalising a chunk and writing it to the client) is the gateway's, not the
 * upstream's. Requests answered by agents are not measured: their upstream calls happen inside the agent.
 */
final class UpstreamClock {

    private final boolean enabled;
    private final RequestScope scope;
    private final AtomicLong insideSink = new AtomicLong();
    private long started;
    private boolean running;

    UpstreamClock(boolean enabled, RequestScope scope) {
        this.enabled = enabled;
        this.scope = scope;
    }

    void start() {
        if (enabled) {
            started = System.nanoTime();
            running = true;
        }
    }

    ChunkSink excludingGatewayWork(ChunkSink sink) {
        if (!enabled) {
            return sink;
        }
        return chunk -> {
            long before = System.nanoTime();
            try {
                return sink.accept(chunk);
            } finally {
                insideSink.addAndGet(System.nanoTime() - before);
            }
        };
    }

    /** As {@link #excludingGatewayWork(ChunkSink)}, for chunks that may arrive as JSON text. */
    JsonChunkSink excludingGatewayWork(JsonChunkSink sink) {
        if (!enabled) {
            return sink;
        }
        return new JsonChunkSink() {
            @Override
            public boolean accept(Map<String, Object> chunk) {
                return timed(() -> sink.accept(chunk));
            }

            @Override
            public boolean acceptJson(String data) {
                return timed(() -> sink.acceptJson(data));
            }
        };
    }

    private boolean timed(BooleanSupplier work) {
        long before = System.nanoTime();
        try {
            return work.getAsBoolean();
        } finally {
            insideSink.addAndGet(System.nanoTime() - before);
        }
    }

    /** Stops the clock; later calls do nothing. */
    void stop() {
        if (running) {
            running = false;
            scope.upstreamNanos(System.nanoTime() - started - insideSink.get());
        }
    }
}
