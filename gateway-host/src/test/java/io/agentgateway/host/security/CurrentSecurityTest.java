package io.agentgateway.host.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgateway.host.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** security.yaml at start and at every refresh: what is put in force, who is told, and what keeps the old rules. */
class CurrentSecurityTest {

    private static final Function<String, String> NO_ENV = name -> null;
    private static final String LOOPBACK = "127.0.0.1";

    @TempDir
    Path dir;

    private final List<ToolAccessRules> toolRulesSeen = new ArrayList<>();

    @Test
    void startReadsKeysToolRulesLimitsAndPluginRulesFromOneFile() throws Exception {
        Path file = write("""
                default:
                  rate_limit: {tokens_per_minute: 500}
                  dropin_module_denylist: ["evil-*"]
                  tools_denylist: ["http_*"]
                plugin_pins:
                  text-tools: "sha256:%s"
                api_keys:
                  - id: ops
                    key: ops-secret
                    admin: true
                """.formatted("ab".repeat(32)));

        CurrentSecurity.Rules rules = CurrentSecurity.read(file, NO_ENV, LOOPBACK);

        assertEquals("ops", rules.keys().find("ops-secret").orElseThrow().id());
        assertTrue(rules.keys().find("ops-secret").orElseThrow().admin());
        assertFalse(rules.tools().check("http_get", "ops", null).allowed(), "default tools_denylist applies");
        assertTrue(rules.tools().check("summarize", "ops", null).allowed());
        assertEquals(500, rules.limits().of("ops").tokensPerMinute());
        assertEquals("matches dropin_module_denylist entry 'evil-*'",
                rules.plugins().blockReason("evil-x").orElseThrow());
        assertEquals("ab".repeat(32), rules.plugins().pin("text-tools").orElseThrow());
    }

    @Test
    void aMissingFileIsRefusedNamingItAndItsVariable() {
        Path missing = dir.resolve("securty.yaml");
        ConfigException error = assertThrows(ConfigException.class,
                () -> CurrentSecurity.read(missing, NO_ENV, LOOPBACK));
        assertTrue(error.getMessage().startsWith(missing + ": file not found"), error.getMessage());
        assertTrue(error.getMessage().contains("GATEWAY_SECURITY_CONFIG"), error.getMessage());
    }

    @Test
    void aWrongFileIsRefusedNamingTheFileAsTheOperatorNamedItAndTheKeyPath() throws Exception {
        Path file = write("""
                agent_tools:
                  - allow: ["x"]
                api_keys:
                  - {id: ops, key: ops-secret, allow_agent: ["team/*"]}
                """);
        ConfigException error = assertThrows(ConfigException.class, () -> CurrentSecurity.read(file, NO_ENV, LOOPBACK));
        assertTrue(error.getMessage().startsWith(file + ": "), error.getMessage());
        assertTrue(error.getMessage().contains("agent_tools[0]: 'agent' is required"), error.getMessage());
        assertTrue(error.getMessage().contains("api_keys[0].allow_agent: unknown key; did you mean `allow_agents`?"),
                error.getMessage());
    }

    @Test
    void pinsAreComparedInTheFormSha256sumPrints() throws Exception {
        Path file = write("""
                plugin_pins:
                  " Text-Tools ": " SHA256:%s "
                api_keys:
                  - {id: ops, key: ops-secret}
                """.formatted("AB".repeat(32)));
        PluginRules plugins = CurrentSecurity.read(file, NO_ENV, LOOPBACK).plugins();
        assertEquals("ab".repeat(32), plugins.pin("text-tools").orElseThrow());
        assertTrue(plugins.pinMismatch("text-tools", "ab".repeat(32)).isEmpty());
        assertEquals("sha256 does not match its plugin_pins entry: expected " + "ab".repeat(32) + ", actual "
                + "cd".repeat(32), plugins.pinMismatch("text-tools", "CD".repeat(32)).orElseThrow());
        assertTrue(plugins.pinMismatch("other", "cd".repeat(32)).isEmpty(), "an id without a pin may have any bytes");
    }

    @Test
    void theShippedKeyIsRefusedBeyondLoopbackAtStartAndAtRefresh() throws Exception {
        Path file = write("api_keys: [{id: dev, key: dev-secret}]\n");
        assertEquals("dev", CurrentSecurity.read(file, NO_ENV, LOOPBACK).keys().keys().getFirst().id());
        ConfigException error = assertThrows(ConfigException.class,
                () -> CurrentSecurity.read(file, NO_ENV, "0.0.0.0"));
        assertTrue(error.getMessage().contains("key 'dev' is the shipped development key"), error.getMessage());

        Path own = write("api_keys: [{id: own, key: a-secret-of-my-own}]\n");
        CurrentSecurity security = current(own, "0.0.0.0");
        write("api_keys: [{id: dev, key: dev-secret}]\n");
        assertThrows(ConfigException.class, security::reload);
        assertEquals("own", security.keys().keys().getFirst().id(), "the old keys stay in force");
    }

    @Test
    void aRefreshPutsTheNewRulesInForceAndTellsTheToolsAndTheListeners() throws Exception {
        Path file = write("api_keys: [{id: old, key: old-secret}]\n");
        CurrentSecurity security = current(file, LOOPBACK);
        List<CurrentSecurity.Rules> told = new ArrayList<>();
        security.onReload(told::add);
        write("""
                default:
                  tools_denylist: ["shell"]
                api_keys: [{id: new, key: new-secret}]
                """);

        CurrentSecurity.Rules fresh = security.reload();

        assertSame(fresh, security.rules());
        assertSame(fresh.keys(), security.keys());
        assertTrue(security.keys().find("new-secret").isPresent());
        assertTrue(security.keys().find("old-secret").isEmpty(), "the old key no longer gets in");
        assertEquals(List.of(fresh.tools()), toolRulesSeen);
        assertFalse(toolRulesSeen.getFirst().check("shell", "new", null).allowed());
        assertEquals(List.of(fresh), told);
    }

    @Test
    void aBrokenRefreshKeepsEverythingInForceAndTellsNoOne() throws Exception {
        Path file = write("api_keys: [{id: old, key: old-secret}]\n");
        CurrentSecurity security = current(file, LOOPBACK);
        CurrentSecurity.Rules before = security.rules();
        List<CurrentSecurity.Rules> told = new ArrayList<>();
        security.onReload(told::add);

        write("api_keys: [{id: new, key: new-secret, admn: true}]\n");
        ConfigException misspelt = assertThrows(ConfigException.class, security::reload);
        assertTrue(misspelt.getMessage().contains("api_keys[0].admn: unknown key; did you mean `admin`?"),
                misspelt.getMessage());
        Files.delete(file);
        assertThrows(ConfigException.class, security::reload);

        assertSame(before, security.rules());
        assertTrue(toolRulesSeen.isEmpty());
        assertTrue(told.isEmpty());
    }

    @Test
    void aRefreshDoesNotOpenAGatewayThatNeedsKeysButAnOpenOneMayStayOpen() throws Exception {
        Path file = write("api_keys: [{id: old, key: old-secret}]\n");
        CurrentSecurity closed = current(file, LOOPBACK);
        write("auth: none\n");
        ConfigException error = assertThrows(ConfigException.class, closed::reload);
        assertTrue(error.getMessage().startsWith(file + ": 'auth: none' is not put in force by a refresh"),
                error.getMessage());
        assertFalse(closed.keys().open());

        CurrentSecurity open = current(file, LOOPBACK);
        assertTrue(open.keys().open());
        assertTrue(open.reload().keys().open(), "an open gateway refreshed as open stays open");
        write("api_keys: [{id: new, key: new-secret}]\n");
        assertFalse(open.reload().keys().open(), "a refresh may always close a gateway");
    }

    @Test
    void theEnvironmentSuppliesTheSingleKeyAndReferences() throws Exception {
        Path file = write("default:\n  allow_agents: [\"${AGENTS:-default/*}\"]\n");
        Function<String, String> env = Map.of("GATEWAY_API_KEY", "env-secret")::get;
        CurrentSecurity.Rules rules = CurrentSecurity.read(file, env, LOOPBACK);
        ApiKey only = rules.keys().find("env-secret").orElseThrow();
        assertTrue(only.mayUse("default/x"));
        assertFalse(only.mayUse("team/x"));
    }

    private CurrentSecurity current(Path file, String bindHost) {
        return new CurrentSecurity(file, NO_ENV, bindHost, CurrentSecurity.read(file, NO_ENV, bindHost),
                toolRulesSeen::add);
    }

    private Path write(String yaml) throws Exception {
        return Files.writeString(dir.resolve("security.yaml"), yaml);
    }
}
