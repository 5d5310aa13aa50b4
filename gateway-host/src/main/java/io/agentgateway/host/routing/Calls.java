package io.agentgateway.host.routing;

import io.agentgateway.api.upstream.ChatRequest;
import io.agentgateway.api.upstream.UpstreamException;
import io.agentgateway.api.upstream.UpstreamException.Kind;
import io.helidon.faulttolerance.CircuitBreakerOpenException;

/** Makes one call to a target through its circuit breaker, which counts the failures another target could avoid. */
final class Calls {

    /** One blocking call that may fail as upstreams do. */
    @FunctionalInterface
    interface Call<T> {
        T call() throws UpstreamException;
    }

    private Calls() {
    }

    /**
     * @throws UpstreamException the call's failure; {@code UNREACHABLE} without a call when the circuit is open or its
     *     one half-open probe is already under way
     */
    static <T> T through(TargetState target, ChatRequest request, Call<T> call) throws UpstreamException {
        try {
            return target.breaker().invoke(() -> {
                try {
                    return call.call();
                } catch (UpstreamException e) {
                    boolean counts = !request.cancellation().isCancelled()
                            && (e.retriable() || e.kind() == Kind.TIMEOUT);
                    throw counts ? new Failed(e) : new NotCounted(e);
                }
            });
        } catch (Failed | NotCounted e) {
            throw (UpstreamException) e.getCause();
        } catch (CircuitBreakerOpenException e) {
            throw new UpstreamException(Kind.UNREACHABLE, "the circuit of " + target.id() + " is open", null);
        }
    }

    /** A failure the breaker counts. */
    static final class Failed extends RuntimeException {
        Failed(UpstreamException cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }

    /** A failure the breaker does not count: the client's mistake, or a call the client abandoned. */
    static final class NotCounted extends RuntimeException {
        NotCounted(UpstreamException cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }
}
