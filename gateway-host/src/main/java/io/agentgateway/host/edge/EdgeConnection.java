package io.agentgateway.host.edge;

import io.agentgateway.host.cancel.ClientWatch;
import io.helidon.common.concurrency.limits.Limit;
import io.helidon.common.task.InterruptableTask;
import io.helidon.webserver.spi.ServerConnection;
import java.time.Duration;

/** Helidon's HTTP/1.1 connection, run with its {@link ConnectionState} reachable from the filters on its thread. */
final class EdgeConnection implements ServerConnection, InterruptableTask<Void> {

    private final ServerConnection http1;
    private final ConnectionState state;

    private final ClientWatch.Watcher clientWatch;

    EdgeConnection(ServerConnection http1, ConnectionState state, ClientWatch.Watcher clientWatch) {
        this.http1 = http1;
        this.state = state;
        this.clientWatch = clientWatch;
        // Helidon's connection stops looping for requests once closed without interrupting, after the current one.
        state.connection(this::canInterrupt, () -> http1.close(false));
    }

    @Override
    public void handle(Limit limit) throws InterruptedException {
        ConnectionState.CURRENT.set(state);
        ClientWatch.offer(clientWatch);
        try {
            http1.handle(limit);
        } finally {
            ConnectionState.CURRENT.remove();
            ClientWatch.end();
        }
    }

    /** True while Helidon waits for a request line: between requests, where stopping the server may interrupt. */
    @Override
    public boolean canInterrupt() {
        return http1 instanceof InterruptableTask<?> task && task.canInterrupt();
    }

    @Override
    public Duration idleTime() {
        return http1.idleTime();
    }

    @Override
    public void close(boolean interrupt) {
        http1.close(interrupt);
    }

    @Override
    public Void call() throws Exception {
        throw new UnsupportedOperationException("Helidon runs a connection through handle(Limit)");
    }

    @Override
    public void run() {
        throw new UnsupportedOperationException("Helidon runs a connection through handle(Limit)");
    }
}
