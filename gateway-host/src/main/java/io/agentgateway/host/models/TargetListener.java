package io.agentgateway.host.models;

/**
 * Told which upstream target ({@code <upstream>/<model>}) a call is being made to, before each attempt; after a
 * successful call, or at a stream's first chunk, the last one named is the one that served it.
 */
@FunctionalInterface
public interface TargetListener {

    /** Listens to nothing. */
    TargetListener NONE = target -> { };

    /** @param target {@code <upstream>/<model>} of the attempt about to be made */
    void calling(String target);
}
