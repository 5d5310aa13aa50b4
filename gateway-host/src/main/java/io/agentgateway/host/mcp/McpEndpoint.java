package io.agentgateway.host.mcp;

import static java.util.Objects.requireNonNull;

import io.agentgateway.api.Cancellation;
import io.agentgateway.api.tool.ToolContext;
import io.agentgateway.api.tool.ToolDefinition;
import io.agentgateway.host.http.RequestScope;
import io.agentgateway.host.json.Json;
import io.agentgateway.host.security.ApiKey;
import io.agentgateway.host.tools.ToolManager;
import io.agentgateway.host.tools.ToolOutcome;
import io.agentgateway.host.tools.ToolStatus;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpStatelessServerFeatures;
import io.modelcontextprotocol.server.McpStatelessSyncServer;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Serves the gateway's registered tools to MCP clients over streamable HTTP (stateless: one JSON answer per POST, no
 * session, no server-sent stream). Callers need the same API keys as the rest of the gateway; {@code tools/list}
 * shows only the tools the key's allowlist admits, and {@code tools/call} goes through the tool manager, so every
 * call is governed, logged and counted like an agent's. Mount behind the request-id filter and the API-key check
 * (it takes the request id from {@link RequestScope}): {@code routing.register("/mcp", endpoint)}.
 */
public final class McpEndpoint implements HttpService, AutoCloseable {

    private static final String KEY_ID = "agent_gateway.key_id";
    private static final String REQUEST_ID = "agent_gateway.request_id";

    private final ToolManager tools;
    private final Function<ServerRequest, ApiKey> keyOf;
    private final long maxBodyBytes;
    private final Map<String, ToolDefinition> served = new HashMap<>();
    // Built on the first MCP request: the SDK server and Reactor are a few hundred classes that a gateway whose
    // clients never speak MCP should not load while starting. Guarded by this.
    private Sdk sdk;

    /**
     * @param tools the tool manager
     * @param keyOf the API key a request was authenticated with (the auth filter already refused bad keys);
     *     {@link ApiKey#OPEN} when the gateway runs without keys, which tools see as no key id (null)
     * @param maxBodyBytes the largest request body read ({@code GATEWAY_MAX_BODY_BYTES}); larger ones get 413
     */
    public McpEndpoint(ToolManager tools, Function<ServerRequest, ApiKey> keyOf, long maxBodyBytes) {
        this.tools = requireNonNull(tools, "tools is null");
        this.keyOf = requireNonNull(keyOf, "keyOf is null");
        if (maxBodyBytes <= 0) {
            throw new IllegalArgumentException("maxBodyBytes must be positive, not " + maxBodyBytes);
        }
        this.maxBodyBytes = maxBodyBytes;
    }

    private record Sdk(StatelessMcpTransport transport, McpStatelessSyncServer server) {
    }

    private Sdk sdk() {
        if (sdk != null) {
            return sdk;
        }
        JacksonMcpJsonMapper mapper = new JacksonMcpJsonMapper(Json.MAPPER);
        StatelessMcpTransport transport = new StatelessMcpTransport(mapper);
        McpStatelessSyncServer server = McpServer.sync(transport)
                .serverInfo("agent-gateway", "1.0.0")
                .jsonMapper(mapper)
                .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
                .validateToolInputs(false) // the tool manager validates, and answers in the gateway's words
                // Run tool calls on the request's own virtual thread; the default hands them to Reactor's bounded
                // pool, which caps concurrent MCP calls at a few per core.
                .immediateExecution(true)
                .addToolFilter((context, tool) -> tools.allowed(tool.name(), (String) context.get(KEY_ID), null))
                .build();
        sdk = new Sdk(transport, server);
        return sdk;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/", this::post)
                .get("/", (req, res) -> res.status(Status.METHOD_NOT_ALLOWED_405).send())
                .delete("/", (req, res) -> res.status(Status.METHOD_NOT_ALLOWED_405).send());
    }

    private void post(ServerRequest request, ServerResponse response) {
        StatelessMcpTransport transport = syncTools();
        // the id the gateway checked and assigned, never the raw header: it goes into logs and outgoing requests
        String requestId = RequestScope.of(request).requestId();
        Map<String, Object> context = new HashMap<>();
        context.put(REQUEST_ID, requestId);
        ApiKey key = keyOf.apply(request);
        // an open gateway has no key: the access rules and ToolContext#keyId() take that as null, not "anonymous"
        if (key != null && key != ApiKey.OPEN) {
            context.put(KEY_ID, key.id());
        }
        Optional<String> answer;
        try {
            String message = McpMessageCheck.check(body(request));
            answer = transport.handle(message, McpTransportContext.create(context));
        } catch (McpMessageCheck.Rejected e) {
            response.status(Status.create(e.httpStatus())).header(HeaderValues.CONTENT_TYPE_JSON).send(e.body());
            return;
        }
        if (answer.isEmpty()) {
            response.status(Status.ACCEPTED_202).send();
        } else {
            response.header(HeaderValues.CONTENT_TYPE_JSON).send(answer.get());
        }
    }

    /** Reads the body, but never more than the limit: a client cannot make the gateway hold an endless POST. */
    private byte[] body(ServerRequest request) throws McpMessageCheck.Rejected {
        if (request.headers().contentLength().orElse(0) > maxBodyBytes) {
            throw tooLarge();
        }
        byte[] bytes;
        try (var in = request.content().inputStream()) {
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (bytes.length > maxBodyBytes) {
            throw tooLarge();
        }
        return bytes;
    }

    private McpMessageCheck.Rejected tooLarge() {
        return new McpMessageCheck.Rejected(413, McpSchema.ErrorCodes.INVALID_REQUEST, null, "The request body is"
                + " larger than " + maxBodyBytes + " bytes, the gateway's limit (GATEWAY_MAX_BODY_BYTES).");
    }

    /**
     * Brings the SDK server's tool list in line with the registry (plugins and MCP servers come and go).
     *
     * @return the transport of the SDK server, built if this is the first request
     */
    private synchronized StatelessMcpTransport syncTools() {
        McpStatelessSyncServer server = sdk().server();
        Map<String, ToolDefinition> current = new HashMap<>();
        tools.all().forEach(tool -> current.put(tool.name(), tool));
        served.keySet().removeIf(name -> {
            ToolDefinition now = current.get(name);
            boolean same = now != null && now.description().equals(served.get(name).description())
                    && now.parameters().equals(served.get(name).parameters());
            if (!same) {
                server.removeTool(name);
            }
            return !same;
        });
        current.forEach((name, tool) -> {
            if (!served.containsKey(name)) {
                server.addTool(specification(tool));
                served.put(name, tool);
            }
        });
        return sdk.transport();
    }

    private McpStatelessServerFeatures.SyncToolSpecification specification(ToolDefinition tool) {
        McpSchema.Tool described = McpSchema.Tool.builder().name(tool.name()).inputSchema(tool.parameters())
                .description(tool.description())
                .build();
        return new McpStatelessServerFeatures.SyncToolSpecification(described, (context, call) -> {
            ToolOutcome outcome = tools.invoke(call.name(), call.arguments(), new EndpointCaller(
                    (String) context.get(REQUEST_ID), (String) context.get(KEY_ID)));
            if (outcome.status() == ToolStatus.DENIED) {
                // the same error the SDK gives for a name it does not know: a key learns no tool it may not call
                throw McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS).message("Unknown tool: invalid_tool_name")
                        .data("Tool not found: " + call.name()).build();
            }
            return McpSchema.CallToolResult.builder().addTextContent(outcome.text()).isError(outcome.isError())
                    .build();
        });
    }

    @Override
    public synchronized void close() {
        if (sdk != null) {
            sdk.server().close();
        }
    }

    private record EndpointCaller(String requestId, String keyId) implements ToolContext {
        @Override
        public String agentId() {
            return null;
        }

        @Override
        public Cancellation cancellation() {
            return Cancellation.NONE;
        }
    }
}
