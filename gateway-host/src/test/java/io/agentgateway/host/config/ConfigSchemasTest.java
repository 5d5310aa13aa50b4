package io.agentgateway.host.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every config file is read strictly: a misspelt key is an error naming the file, the key path and the likely key. */
class ConfigSchemasTest {

    private static final Function<String, String> NO_ENV = name -> null;

    @TempDir
    Path dir;

    /** The misspellings an operator made in each file, each of which used to be ignored (some failing open). */
    static Stream<Arguments> misspellings() {
        return Stream.of(
                Arguments.of(ConfigFile.SECURITY, """
                        api_keys:
                          - id: dev
                            key: k-1
                            allow_agent: ["default/*"]
                        """, "api_keys[0].allow_agent: unknown key; did you mean `allow_agents`?"),
                Arguments.of(ConfigFile.SECURITY, """
                        api_keys:
                          - {id: dev, key: k-1, rate_limt: {per_minute: 5}}
                        """, "api_keys[0].rate_limt: unknown key; did you mean `rate_limit`?"),
                Arguments.of(ConfigFile.SECURITY, """
                        api_keys:
                          - {id: dev, key: k-1, expire_at: "2020-01-01T00:00:00Z"}
                        """, "api_keys[0].expire_at: unknown key; did you mean `expires_at`?"),
                Arguments.of(ConfigFile.SECURITY, """
                        api_keys:
                          - {id: dev, key: k-1, tools_alowlist: [echo]}
                        """, "api_keys[0].tools_alowlist: unknown key; did you mean `tools_allowlist`?"),
                Arguments.of(ConfigFile.TOOLS, """
                        tools:
                          - {name: t, url: "http://localhost:9/x", methd: GET}
                        """, "tools[0].methd: unknown key; did you mean `method`?"),
                Arguments.of(ConfigFile.TOOLS, """
                        tools:
                          - {name: t, url: "http://localhost:9/x", timout: 5}
                        """, "tools[0].timout: unknown key; did you mean `timeout`?"),
                Arguments.of(ConfigFile.TOOLS, """
                        tools:
                          - {name: t, url: "http://localhost:9/x", allow_link_locl: true}
                        """, "tools[0].allow_link_locl: unknown key; did you mean `allow_link_local`?"),
                Arguments.of(ConfigFile.AGENTS, """
                        agents:
                          - {name: a, instrctions: Be brief.}
                        """, "agents[0].instrctions: unknown key; did you mean `instructions`?"),
                Arguments.of(ConfigFile.AGENTS, """
                        agents:
                          - {name: a, toolz: [http_echo]}
                        """, "agents[0].toolz: unknown key; did you mean `tools`?"),
                Arguments.of(ConfigFile.UPSTREAMS, """
                        upstreams:
                          - {name: u, base_url: "http://localhost:9/v1", timeot: 5}
                        """, "upstreams[0].timeot: unknown key; did you mean `timeout`?"));
    }

    @ParameterizedTest
    @MethodSource("misspellings")
    void aMisspeltKeyIsRefusedWithTheKeyItMeant(ConfigFile kind, String yaml, String expected) throws Exception {
        Path file = Files.writeString(dir.resolve(kind.defaultPath().getFileName()), yaml);
        ConfigException error = assertThrows(ConfigException.class, () -> ConfigFiles.read(kind, file, NO_ENV));
        assertTrue(error.getMessage().startsWith(file + ": "), error.getMessage());
        assertTrue(error.getMessage().contains(expected), error.getMessage());
    }

    @Test
    void anUnknownSectionNamesTheKnownOnes() throws Exception {
        Path file = Files.writeString(dir.resolve("security.yaml"), "api_keys: [{id: a, key: k}]\nrules: {}\n");
        ConfigException error = assertThrows(ConfigException.class,
                () -> ConfigFiles.read(ConfigFile.SECURITY, file, NO_ENV));
        assertTrue(error.getMessage().contains("rules: unknown key; known keys here: version, auth, default,"),
                error.getMessage());
        assertTrue(error.getMessage().contains(" api_keys, agent_tools"), error.getMessage());
    }

    @Test
    void wrongTypesAndValuesNameTheKeyPath() throws Exception {
        Path file = Files.writeString(dir.resolve("security.yaml"), """
                api_keys:
                  - {id: a, key: k, admin: "no", rate_limit: {per_minute: -1}}
                """);
        ConfigException error = assertThrows(ConfigException.class,
                () -> ConfigFiles.read(ConfigFile.SECURITY, file, NO_ENV));
        assertTrue(error.getMessage().contains("api_keys[0].admin: string found, boolean expected"),
                error.getMessage());
        assertTrue(error.getMessage().contains("api_keys[0].rate_limit.per_minute: must have a minimum value of 0"),
                error.getMessage());
        assertTrue(error.getMessage().endsWith("(schema: docs/schemas/security.schema.json)"), error.getMessage());
    }

    @Test
    void environmentReferencesGiveNumbersAndBooleansWhereTheSchemaWantsThem() throws Exception {
        Path file = Files.writeString(dir.resolve("tools.yaml"), """
                defaults: {timeout: "${TOOL_TIMEOUT:-30}", log_arguments: "${LOG_ARGS:-false}"}
                tools:
                  - {name: t, url: "${URL:-http://localhost:9/x}", headers: {X-Count: "${COUNT:-3}"}}
                """);
        Map<String, Object> read = ConfigFiles.read(ConfigFile.TOOLS, file, Map.of("TOOL_TIMEOUT", "2.5")::get);
        @SuppressWarnings("unchecked")
        Map<String, Object> defaults = (Map<String, Object>) read.get("defaults");
        assertEquals(2.5, defaults.get("timeout"));
        assertEquals(false, defaults.get("log_arguments"));
        @SuppressWarnings("unchecked")
        Map<String, Object> tool = ((List<Map<String, Object>>) read.get("tools")).get(0);
        assertEquals(Map.of("X-Count", "3"), tool.get("headers"), "a header stays text");
        Path notANumber = Files.writeString(dir.resolve("tools2.yaml"), "defaults: {timeout: \"${T:-soon}\"}\n");
        ConfigException error = assertThrows(ConfigException.class,
                () -> ConfigFiles.read(ConfigFile.TOOLS, notANumber, NO_ENV));
        assertTrue(error.getMessage().contains("defaults.timeout: string found, number expected"),
                error.getMessage());
    }

    @Test
    void aMissingFileNamesItsVariable() {
        Path missing = dir.resolve("securty.yaml");
        ConfigException error = assertThrows(ConfigException.class,
                () -> ConfigFiles.read(ConfigFile.SECURITY, missing, NO_ENV));
        assertTrue(error.getMessage().startsWith(missing + ": file not found."), error.getMessage());
        assertTrue(error.getMessage().contains("GATEWAY_SECURITY_CONFIG"), error.getMessage());
    }

    @Test
    void aMissingFileAtItsDefaultPlaceNeedsNoWordOnWhereTheVariablePoints() {
        // The tests run where no config/ folder is, so the default path is missing too.
        Path byDefault = ConfigFile.TOOLS.defaultPath();
        assertEquals(byDefault + ": file not found. Create it (it may be empty), or set GATEWAY_TOOL_CONFIG to the"
                + " file's path.", assertThrows(ConfigException.class,
                        () -> ConfigFiles.read(ConfigFile.TOOLS, byDefault, NO_ENV)).getMessage());
        Path elsewhere = dir.resolve("tools.yaml");
        assertEquals(elsewhere + ": file not found. Create it (it may be empty), or set GATEWAY_TOOL_CONFIG to the"
                + " file's path (GATEWAY_TOOL_CONFIG names " + elsewhere + "; unset, it is " + byDefault + ").",
                assertThrows(ConfigException.class, () -> ConfigFiles.read(ConfigFile.TOOLS, elsewhere, NO_ENV))
                        .getMessage());
    }

    @Test
    void anEmptyFileIsAnEmptyConfig() throws Exception {
        Path file = Files.writeString(dir.resolve("agents.yaml"), "");
        assertEquals(Map.of(), ConfigFiles.read(ConfigFile.AGENTS, file, NO_ENV));
    }

    /** The shipped files are what a fresh clone runs with: each satisfies its schema, with and without variables. */
    @ParameterizedTest
    @MethodSource("kinds")
    void everyShippedFileSatisfiesItsSchema(ConfigFile kind) {
        Path shipped = repository().resolve(kind.defaultPath());
        assertEquals(List.of(), ConfigSchemas.problems(kind, YamlFiles.load(shipped, NO_ENV)));
        assertEquals(List.of(), ConfigSchemas.problems(kind, YamlFiles.load(shipped,
                Map.of("GATEWAY_DEV_KEY", "k-123", "GATEWAY_DEFAULT_UPSTREAM", "ollama")::get)));
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void theSchemasInDocsAreTheOnesTheGatewayUses(ConfigFile kind) throws Exception {
        String inDocs = Files.readString(repository().resolve("docs/schemas").resolve(kind.schemaName()));
        try (var inJar = ConfigSchemas.class.getResourceAsStream(
                "/io/agentgateway/host/config/schemas/" + kind.schemaName())) {
            assertEquals(inDocs, new String(inJar.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    @Test
    void suggestionsOnlyForCloseKeys() {
        assertEquals("; did you mean `tools`?", KeySuggestions.hint("toolz", List.of("name", "tools")));
        assertEquals("; known keys here: name, tools", KeySuggestions.hint("colour", List.of("name", "tools")));
        assertFalse(KeySuggestions.hint("x", List.of()).contains("did you mean"));
        assertEquals(3, KeySuggestions.distance("kitten", "sitting"));
    }

    @Test
    void fiveProblemsAreListedAndTheRestCounted() throws Exception {
        Path file = Files.writeString(dir.resolve("security.yaml"), """
                api_keys:
                  - {id: a, key: k, k1: 1, k2: 2, k3: 3, k4: 4, k5: 5, k6: 6, k7: 7}
                """);
        String message = assertThrows(ConfigException.class,
                () -> ConfigFiles.read(ConfigFile.SECURITY, file, NO_ENV)).getMessage();
        assertEquals(5, message.split("unknown key", -1).length - 1, message);
        assertTrue(message.endsWith("; and 2 more (schema: docs/schemas/security.schema.json)"), message);
        Path five = Files.writeString(dir.resolve("five.yaml"), """
                api_keys:
                  - {id: a, key: k, k1: 1, k2: 2, k3: 3, k4: 4, k5: 5}
                """);
        String all = assertThrows(ConfigException.class,
                () -> ConfigFiles.read(ConfigFile.SECURITY, five, NO_ENV)).getMessage();
        assertEquals(5, all.split("unknown key", -1).length - 1, all);
        assertFalse(all.contains("more"), all);
    }

    @Test
    void aMissingKeyAtTheTopOfAnEntryAndAWrongValueAreNamedByPath() throws Exception {
        Path file = Files.writeString(dir.resolve("security.yaml"), "auth: open\napi_keys: [{key: k}]\n");
        String message = assertThrows(ConfigException.class,
                () -> ConfigFiles.read(ConfigFile.SECURITY, file, NO_ENV)).getMessage();
        assertTrue(message.contains("api_keys[0]: 'id' is required"), message);
        assertTrue(message.contains("auth: does not have a value in the enumeration"), message);
        assertFalse(message.contains("$.auth"), "the path is said once: " + message);
    }

    @Test
    void aSuggestionIsMadeUpToAThirdOfTheKeysLengthAndTiesGoToTheFirstInOrder() {
        List<String> keys = List.of("rate_limit", "tools");
        assertEquals("; did you mean `tools`?", KeySuggestions.hint("tolz", keys), "2 edits, the least allowed");
        assertEquals("; known keys here: rate_limit, tools", KeySuggestions.hint("tz", keys), "4 edits from tools");
        assertEquals("; did you mean `rate_limit`?", KeySuggestions.hint("RATE_LMT", keys), "case does not count");
        assertEquals("; did you mean `aa`?", KeySuggestions.hint("ab", List.of("ac", "aa")));
        assertEquals("", KeySuggestions.hint("x", List.of()));
        assertEquals(3, KeySuggestions.distance("", "abc"));
        assertEquals(3, KeySuggestions.distance("abc", ""));
        assertEquals(1, KeySuggestions.distance("ab", "abc"));
        assertEquals(0, KeySuggestions.distance("same", "same"));
    }

    static Stream<ConfigFile> kinds() {
        return Stream.of(ConfigFile.values());
    }

    private static Path repository() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("docs/schemas"))) {
            dir = dir.getParent();
        }
        return dir;
    }
}
