package io.agentgateway.host.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** upstreams.yaml entries as the gateway reads them: which key is used, the retry range's ends, provider options. */
class UpstreamsConfigTest {

    private static final Function<String, String> ENV = Map.of("OPENAI_KEY", "sk-from-env")::get;

    @TempDir
    Path dir;

    @Test
    void aKeyWrittenInTheFileWinsOverItsVariableAndABlankOneFallsBackToIt() throws Exception {
        List<UpstreamEntry> entries = read("""
                upstreams:
                  - {name: written, base_url: 'http://h/v1', api_key: sk-in-file, api_key_env: OPENAI_KEY}
                  - {name: blank, base_url: 'http://h/v1', api_key: ' ', api_key_env: OPENAI_KEY}
                  - {name: none, base_url: 'http://h/v1', api_key: ' '}
                """);
        assertEquals("sk-in-file", entries.get(0).settings().apiKey());
        assertEquals("sk-from-env", entries.get(1).settings().apiKey());
        assertEquals(null, entries.get(2).settings().apiKey(), "a blank key is no key");
    }

    @Test
    void retriesFromZeroToTenAreTaken() throws Exception {
        List<UpstreamEntry> entries = read("""
                upstreams:
                  - {name: once, base_url: 'http://h/v1', retries: 0}
                  - {name: stubborn, base_url: 'http://h/v1', retries: 10}
                """);
        assertEquals(0, entries.get(0).retries(), "0: one attempt, no retry");
        assertEquals(10, entries.get(1).retries());
    }

    @Test
    void theProvidersOwnOptionsReachIt() throws Exception {
        UpstreamEntry entry = read("""
                upstreams:
                  - name: azure
                    provider: openai-compatible
                    base_url: 'http://h/v1'
                    options: {api_version: '2024-10-21', organization: acme}
                """).getFirst();
        assertEquals(Map.of("api_version", "2024-10-21", "organization", "acme"),
                entry.settings().options());
    }

    private List<UpstreamEntry> read(String yaml) throws Exception {
        Path file = Files.writeString(dir.resolve("upstreams.yaml"), yaml);
        return UpstreamsConfig.parse(ConfigFiles.read(ConfigFile.UPSTREAMS, file, ENV), ENV, file.toString());
    }
}
