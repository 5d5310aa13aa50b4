/**
 * The host's HTTP client, offered to plugins through {@link io.agentgateway.api.PluginContext#httpClient}.
 *
 * <p>Calls are plain blocking calls, made on virtual threads. The host pools keep-alive connections, speaks HTTP/2
 * where a TLS server offers it, goes through the configured or environment proxy, applies the configured TLS trust and
 * client certificate, and counts calls per host in its metrics. Every answer is read incrementally and bounded by the
 * host's limits: a body past its limit fails with {@link io.agentgateway.api.http.HttpLimitException}, never with an
 * allocation the size the server declared. Interrupting the calling thread aborts its call.
 */
package io.agentgateway.api.http;
