package io.agentgateway.httpclient;

import io.agentgateway.api.http.HttpClientOptions;
import java.time.Duration;

/**
 * What one answer may hold before the host gives up on it. The defaults leave room for any real chat completion
 * (a long answer is a few hundred kilobytes, a long stream tens of thousands of small events) while a server that
 * sends without end, or one huge event, is cut off long before the gateway's memory is at risk.
 *
 * @param maxResponseBytes one answer that is not an event stream ({@code max_response_bytes})
 * @param maxEventBytes one server-sent event ({@code max_event_bytes})
 * @param maxStreamBytes one event stream in all ({@code max_stream_bytes})
 * @param maxStreamEvents the events of one stream ({@code max_stream_events})
 * @param maxStreamDuration how long one stream may last ({@code max_stream_duration})
 */
public record ClientLimits(long maxResponseBytes, long maxEventBytes, long maxStreamBytes, long maxStreamEvents,
        Duration maxStreamDuration) {

    public static final ClientLimits DEFAULTS = new ClientLimits(
            16L << 20, 1L << 20, 256L << 20, 1_000_000, Duration.ofMinutes(30));

    /** @return these limits, with those {@code options} sets in their place */
    ClientLimits overriddenBy(HttpClientOptions options) {
        return new ClientLimits(
                options.maxResponseBytes().orElse(maxResponseBytes),
                options.maxEventBytes().orElse(maxEventBytes),
                options.maxStreamBytes().orElse(maxStreamBytes),
                options.maxStreamEvents().orElse(maxStreamEvents),
                options.maxStreamDuration().orElse(maxStreamDuration));
    }
}
