package io.agentgateway.api.upstream;

import java.util.Map;

/** Receives streamed {@code chat.completion.chunk} objects one by one, as they arrive. */
@FunctionalInterface
public interface ChunkSink {

    /**
     * @param chunk one chunk, in the shape the upstream sent it
     * @return true to go on; false when the consumer wants no more (the client left), so the provider stops reading
     */
    boolean accept(Map<String, Object> chunk);
}
