package io.agentgateway.host.models;

/**
 * Receives progress notes of an agent run ({@code tool get_weather started}, {@code handoff default/a -> ...}).
 *
 * <p>A {@link io.agentgateway.api.upstream.ChunkSink} handed to an agent's model handler may also implement this
 * interface; the HTTP layer's SSE sink does, and writes each note as an SSE comment line ({@code : tool get_weather
 * started}), which SSE clients skip by definition. Notes are never sent as chunks, so OpenAI clients never see the
 * tools an agent runs internally.
 */
@FunctionalInterface
public interface ProgressSink {

    /**
     * @param note one line of text, no line breaks
     * @return true to go on; false when the client went away
     */
    boolean progress(String note);
}
