package io.agentgateway.host.mcp;

import io.agentgateway.host.observe.EventLog;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpStatelessServerHandler;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStatelessServerTransport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import reactor.core.publisher.Mono;

/**
 * The MCP SDK's stateless server transport, on a Helidon route. The SDK ships this transport for servlets only; the
 * streamable HTTP transport without sessions is one JSON-RPC message per POST answered by one JSON body, so the
 * route hands each message to the SDK's handler and writes its answer.
 */
final class StatelessMcpTransport implements McpStatelessServerTransport {

    private final McpJsonMapper mapper;
    private volatile McpStatelessServerHandler handler;

    StatelessMcpTransport(McpJsonMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public void setMcpHandler(McpStatelessServerHandler handler) {
        this.handler = handler;
    }

    @Override
    public Mono<Void> closeGracefully() {
        return Mono.empty();
    }

    /**
     * @param body one JSON-RPC message, already checked by {@link McpMessageCheck}
     * @return the JSON text of the response for a request; empty for a notification (answer 202)
     * @throws McpMessageCheck.Rejected when the SDK cannot read the message after all
     */
    Optional<String> handle(String body, McpTransportContext context) throws McpMessageCheck.Rejected {
        McpSchema.JSONRPCMessage message;
        try {
            message = McpSchema.deserializeJsonRpcMessage(mapper, body);
        } catch (IOException | IllegalArgumentException e) {
            throw new McpMessageCheck.Rejected(400, McpSchema.ErrorCodes.INVALID_REQUEST, null,
                    "The body is not a JSON-RPC request, notification or response.");
        }
        if (message instanceof McpSchema.JSONRPCRequest request) {
            McpSchema.JSONRPCResponse response = handler.handleRequest(context, request)
                    .onErrorResume(e -> {
                        // An unexpected failure's text is for the operator's log, not for the client.
                        EventLog.error("mcp.error", "method", request.method(), "error", String.valueOf(e));
                        return Mono.just(McpSchema.JSONRPCResponse.error(request.id(),
                                new McpSchema.JSONRPCResponse.JSONRPCError(McpSchema.ErrorCodes.INTERNAL_ERROR,
                                        "The gateway failed to handle '" + request.method() + "'; the cause is in"
                                                + " its log.", null)));
                    })
                    .block();
            try {
                return Optional.of(mapper.writeValueAsString(response));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (message instanceof McpSchema.JSONRPCNotification notification) {
            handler.handleNotification(context, notification).onErrorResume(e -> Mono.empty()).block();
        }
        return Optional.empty();
    }
}
