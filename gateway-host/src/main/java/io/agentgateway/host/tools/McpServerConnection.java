package io.agentgateway.host.tools;

import static java.util.Objects.requireNonNull;

import io.agentgateway.host.config.YamlFiles;
import io.agentgateway.host.json.Json;
import io.agentgateway.host.observe.EventLog;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.agentgateway.httpclient.ClientLimits;
import java.net.ProxySelector;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.FutureTask;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * One MCP server the gateway is a client of. A supervisor thread connects, pings it every health interval, and when
 * the server dies (the ping fails or times out, or a call fails at the transport level) reports it and reconnects
 * with exponential backoff; for a stdio server that means starting the process again. The gateway keeps running
 * meanwhile: calls to the server's tools fail with {@code unavailable}.
 */
final class McpServerConnection implements AutoCloseable {

    private static final Duration PING_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final ToolsConfig.McpServerSpec spec;
    private final ProxySelector proxies;
    private final Runnable onToolsChanged;
    private final Semaphore wake = new Semaphore(0);
    private volatile McpSyncClient client;
    private volatile List<McpSchema.Tool> tools = List.of();
    private volatile String lastError;
    private volatile boolean closed;
    private volatile boolean everConnected;
    /** Set once a connection's tools are in the registry, so {@link #awaitUp} returns only when they are callable. */
    private volatile boolean registered;
    private Thread supervisor;

    /** @param proxies the proxies of streamable HTTP calls: the environment's, as for every outgoing call */
    McpServerConnection(ToolsConfig.McpServerSpec spec, Runnable onToolsChanged, ProxySelector proxies) {
        this.spec = requireNonNull(spec, "spec is null");
        this.proxies = requireNonNull(proxies, "proxies is null");
        this.onToolsChanged = requireNonNull(onToolsChanged, "onToolsChanged is null");
    }

    ToolsConfig.McpServerSpec spec() {
        return spec;
    }

    synchronized void start() {
        if (supervisor == null) {
            supervisor = Thread.ofVirtual().name("mcp-server-" + spec.name()).start(this::supervise);
        }
    }

    /** @return true once connected, false if not within {@code timeout} (it keeps trying in the background) */
    boolean awaitUp(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!registered && System.nanoTime() < deadline && !closed) {
            Thread.sleep(50);
        }
        return registered;
    }

    boolean up() {
        return client != null;
    }

    String lastError() {
        return lastError;
    }

    /** @return the tools the server listed at its last (re)connection or refresh */
    List<McpSchema.Tool> tools() {
        return tools;
    }

    /** Lists the tools again, for {@code POST /tools/refresh}. */
    void relist() {
        McpSyncClient c = client;
        if (c != null) {
            try {
                tools = c.listTools().tools();
            } catch (RuntimeException e) {
                markDown(c, e);
            }
        }
    }

    McpSchema.CallToolResult call(String tool, Map<String, Object> arguments) throws ToolUnavailableException {
        McpSyncClient c = client;
        if (c == null) {
            throw new ToolUnavailableException("MCP server '" + spec.name() + "' is unavailable and being restarted"
                    + (lastError == null ? "" : " (last error: " + lastError + ")"));
        }
        try {
            return c.callTool(new McpSchema.CallToolRequest(tool, arguments));
        } catch (io.modelcontextprotocol.spec.McpError e) {
            throw e; // the server answered with a JSON-RPC error: it is alive
        } catch (RuntimeException e) {
            wake.release(); // check its health now rather than at the next interval
            throw e;
        }
    }

    private void supervise() {
        int failures = 0;
        while (!closed) {
            if (client == null) {
                try {
                    connect();
                    failures = 0;
                } catch (Exception e) {
                    failures++;
                    long backoff = Math.min(MAX_BACKOFF.toMillis(), 500L << Math.min(failures - 1, 10));
                    lastError = message(e);
                    EventLog.warn("tool.mcp.server_down", "server", spec.name(), "error", lastError,
                            "attempt", failures, "retry_in_ms", backoff);
                    if (!pause(backoff)) {
                        return;
                    }
                    continue;
                }
            }
            if (!pause(spec.healthInterval().toMillis())) {
                return;
            }
            McpSyncClient c = client;
            if (c != null && !closed) {
                try {
                    withTimeout(c::ping, PING_TIMEOUT);
                } catch (Exception e) {
                    markDown(c, e);
                }
            }
        }
    }

    private void connect() throws Exception {
        McpSyncClient c = McpClient.sync(transport())
                .requestTimeout(spec.timeout().plusSeconds(5))
                .initializationTimeout(Duration.ofSeconds(60))
                .clientInfo(new McpSchema.Implementation("agent-gateway", "1.0.0"))
                .build();
        try {
            c.initialize();
            tools = c.listTools().tools();
        } catch (RuntimeException e) {
            closeQuietly(c);
            throw e;
        }
        client = c;
        lastError = null;
        EventLog.info(everConnected ? "tool.mcp.server_restarted" : "tool.mcp.server_up", "server", spec.name(),
                "tools", tools.size());
        everConnected = true;
        onToolsChanged.run();
        registered = true;
    }

    private McpClientTransport transport() {
        JacksonMcpJsonMapper mapper = new JacksonMcpJsonMapper(Json.MAPPER);
        if (spec.stdio()) {
            ServerParameters params = ServerParameters.builder(spec.command()).args(spec.args()).env(spec.env())
                    .build();
            StdioClientTransport stdio = new StdioClientTransport(params, mapper);
            stdio.setStdErrorHandler(line -> System.getLogger("agent-gateway.mcp." + spec.name())
                    .log(System.Logger.Level.DEBUG, line));
            return stdio;
        }
        java.net.URI url = spec.url();
        guard(url); // refused here with the guard's reason, before the SDK wraps it into its own
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        return HttpClientStreamableHttpTransport.builder(url.getScheme() + "://" + url.getRawAuthority())
                .endpoint(url.getRawQuery() == null ? path : path + "?" + url.getRawQuery())
                .jsonMapper(mapper)
                // The SDK brings its own JDK client: it gets the host's proxies, address guard and answer limit.
                .customizeClient(client -> client.proxy(proxies))
                .httpRequestCustomizer((request, method, uri, body, context) -> {
                    guard(uri);
                    spec.headers().forEach(
                            (name, value) -> request.header(name, YamlFiles.substitute(value, System::getenv)));
                })
                .maxResponseSize((int) ClientLimits.DEFAULTS.maxResponseBytes())
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    /** Cloud metadata and link-local addresses are refused here as for HTTP tools. */
    private static void guard(java.net.URI uri) {
        try {
            AddressGuard.check(uri);
        } catch (java.net.UnknownHostException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void markDown(McpSyncClient c, Exception e) {
        synchronized (this) {
            if (client != c) {
                return;
            }
            client = null;
            registered = false;
        }
        lastError = message(e);
        EventLog.warn("tool.mcp.server_down", "server", spec.name(), "error", lastError);
        Thread.ofVirtual().start(() -> closeQuietly(c));
    }

    /** @return false once closed */
    private boolean pause(long millis) {
        try {
            wake.tryAcquire(millis, TimeUnit.MILLISECONDS);
            wake.drainPermits();
        } catch (InterruptedException e) {
            return false;
        }
        return !closed;
    }

    private static void withTimeout(Runnable action, Duration timeout) throws Exception {
        FutureTask<Void> task = new FutureTask<>(action, null);
        Thread.ofVirtual().start(task);
        try {
            task.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            task.cancel(true);
        }
    }

    private static String message(Throwable e) {
        Throwable t = e instanceof java.util.concurrent.ExecutionException && e.getCause() != null ? e.getCause() : e;
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    private static void closeQuietly(McpSyncClient c) {
        try {
            c.close();
        } catch (RuntimeException e) {
            // the server is going away anyway
        }
    }

    @Override
    public void close() {
        closed = true;
        Thread s;
        synchronized (this) {
            s = supervisor;
        }
        if (s != null) {
            s.interrupt();
        }
        McpSyncClient c = client;
        client = null;
        if (c != null) {
            closeQuietly(c);
        }
    }
}
