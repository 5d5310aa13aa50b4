/**
 * Upstream providers: connections from the gateway to model servers that speak (or are adapted to) the OpenAI chat
 * completions API.
 *
 * <p>Requests and responses cross this SPI as OpenAI chat-completions JSON held in plain maps. The host has already
 * replaced the {@code model} field with the upstream's own model name. Unknown request fields must be forwarded
 * untouched. The host normalises well-known quirks of streamed chunks (missing tool-call indices, arguments as objects,
 * missing ids), so a provider may pass chunks on as the server sent them.
 *
 * <p>Since 1.1.0 they may also cross it as JSON text ({@link io.agentgateway.api.upstream.Upstream#completeJson},
 * {@link io.agentgateway.api.upstream.Upstream#streamJson}): the client's bytes go to the server and the server's come
 * back, each read only where the gateway needs to; the host checks and repairs the answer.
 */
package io.agentgateway.api.upstream;
