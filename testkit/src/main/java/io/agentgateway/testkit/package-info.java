/**
 * What a plugin's tests need from the gateway, without a gateway: fakes of the contexts the host hands a plugin
 * ({@link io.agentgateway.testkit.FakePluginContext}, {@link io.agentgateway.testkit.FakeToolContext},
 * {@link io.agentgateway.testkit.TestCancellation}), and the contract suites a plugin's test extends to check that it
 * behaves as the host relies on ({@link io.agentgateway.testkit.UpstreamProviderContract},
 * {@link io.agentgateway.testkit.ToolContract}). The scripted OpenAI-compatible server the upstream contract runs
 * against is {@code io.agentgateway.mock.MockUpstream}, which a test can start itself:
 * {@code MockUpstream.start(0, MockUpstream.Options.defaults())}.
 *
 * <p>Add it with scope {@code test}; its version is the API version of the plugin parent.
 */
package io.agentgateway.testkit;
