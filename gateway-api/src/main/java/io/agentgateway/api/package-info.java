/**
 * The Agent Gateway plugin SPI.
 *
 * <p>A plugin is a jar with a PF4J manifest ({@code Plugin-Id}, {@code Plugin-Version}, {@code Plugin-Requires}) and a
 * {@code META-INF/services/io.agentgateway.api.GatewayPlugin} file naming its {@link io.agentgateway.api.GatewayPlugin}
 * implementation. The host finds it with {@link java.util.ServiceLoader} inside the plugin's own class loader, which
 * shares only the {@code io.agentgateway.api} packages with the host.
 *
 * <p>This module depends on the JDK alone. JSON crosses the boundary as {@code Map<String, Object>} (objects),
 * {@code List<Object>} (arrays), {@code String}, {@code Number}, {@code Boolean} and {@code null}; maps keep insertion
 * order and unknown fields.
 */
package io.agentgateway.api;
