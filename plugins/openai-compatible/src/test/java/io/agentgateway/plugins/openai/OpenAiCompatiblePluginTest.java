package io.agentgateway.plugins.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.agentgateway.api.GatewayPlugin;
import io.agentgateway.api.upstream.UpstreamProvider;
import io.agentgateway.api.upstream.UpstreamSettings;
import io.agentgateway.testkit.FakePluginContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class OpenAiCompatiblePluginTest {

    @Test
    void theServiceFileOffersTheOpenAiCompatibleProvider() {
        List<GatewayPlugin> plugins = ServiceLoader.load(GatewayPlugin.class).stream()
                .map(ServiceLoader.Provider::get).toList();
        assertEquals(1, plugins.size());
        List<UpstreamProvider> providers = plugins.get(0).upstreamProviders(new FakePluginContext("openai-compatible"));
        assertEquals(List.of("openai-compatible"), providers.stream().map(UpstreamProvider::name).toList());
    }

    @Test
    void openingMakesNoCallsAndRefusesABaseUrlThatIsNotHttp() {
        OpenAiCompatibleProvider provider = new OpenAiCompatibleProvider(new FakePluginContext("openai-compatible"));
        // Nothing listens on port 9: open must still succeed, as the SPI asks.
        provider.open(settings("http://127.0.0.1:9/v1")).close();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> provider.open(settings("localhost:11434/v1")));
        assertFalse(e.getMessage().contains("sk-secret"));
    }

    @Test
    void anEntryWithoutBaseUrlIsRefusedByThisProviderSayingWhatToAdd() {
        OpenAiCompatibleProvider provider = new OpenAiCompatibleProvider(new FakePluginContext("openai-compatible"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> provider.open(settings("")));
        assertEquals("upstream 'local': base_url is required by the openai-compatible provider (the server's API root,"
                + " such as http://localhost:11434/v1)", e.getMessage());
    }

    private static UpstreamSettings settings(String baseUrl) {
        return new UpstreamSettings("local", baseUrl, "sk-secret", Duration.ofSeconds(5), List.of(), Map.of());
    }
}
