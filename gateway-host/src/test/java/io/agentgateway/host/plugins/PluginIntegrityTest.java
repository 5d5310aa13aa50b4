package io.agentgateway.host.plugins;

import static io.agentgateway.host.plugins.PluginFolderTest.only;
import static io.agentgateway.host.plugins.TestPluginJar.plugin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgateway.api.ApiVersion;
import io.agentgateway.host.security.PluginRules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a plugin must be to load: the bytes its pin names, a Plugin-Requires, no API classes of its own, and an id of
 * lower-case ASCII that allow/deny lists cannot miss by case, spaces or look-alike letters.
 */
class PluginIntegrityTest {

    @TempDir
    Path dir;

    private List<FoundPlugin> load(PluginRules rules) {
        try (PluginFolder folder = new PluginFolder(dir, rules, state -> { })) {
            return folder.load();
        }
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    @Test
    void aPinnedJarLoadsWhenItsBytesMatchAndShowsItsDigest() throws Exception {
        Path jar = plugin("hello").withService(TestPlugins.HELLO).writeJar(dir.resolve("hello.jar"));
        String sha = sha256(jar);

        FoundPlugin hello = only(load(new PluginRules(List.of("*"), List.of(), Map.of("hello", "sha256:" + sha))),
                "hello");

        assertEquals(PluginState.STARTED, hello.state(), hello::error);
        assertEquals(sha, hello.sha256());
        assertEquals(">=1.0.0 & <2.0.0", hello.requires());
        assertNotNull(hello.loadedAt());
    }

    @Test
    void aTamperedPinnedJarIsBlockedWithTheExpectedAndActualDigest() throws Exception {
        Path jar = plugin("hello").withService(TestPlugins.HELLO).writeJar(dir.resolve("hello.jar"));
        String pinned = sha256(jar);
        // One class more, as someone who slipped code into the jar would add.
        plugin("hello").withService(TestPlugins.HELLO).withClass(TestPlugins.TATTLE).writeJar(jar);
        String actual = sha256(jar);

        FoundPlugin hello = only(load(new PluginRules(List.of("*"), List.of(), Map.of("hello", pinned))), "hello");

        assertEquals(PluginState.BLOCKED, hello.state());
        assertEquals("sha256 does not match its plugin_pins entry: expected " + pinned + ", actual " + actual,
                hello.error());
        assertEquals(actual, hello.sha256());
    }

    @Test
    void aPinnedZipIsCheckedByTheZipsDigest() throws Exception {
        Path zip = plugin("zipped").withService(TestPlugins.HELLO).writeZip(dir.resolve("zipped.zip"));

        FoundPlugin ok = only(load(new PluginRules(List.of("*"), List.of(), Map.of("zipped", sha256(zip)))),
                "zipped");
        assertEquals(PluginState.STARTED, ok.state(), ok::error);
        assertEquals(sha256(zip), ok.sha256());
    }

    @Test
    void aPluginWithoutPluginRequiresIsRefusedSayingWhatToAdd() {
        plugin("loose").manifest("Plugin-Requires", null).withService(TestPlugins.HELLO)
                .writeJar(dir.resolve("loose.jar"));

        FoundPlugin loose = only(load(new PluginRules(List.of("*"), List.of())), "loose");

        assertEquals(PluginState.INVALID, loose.state());
        assertTrue(loose.error().contains("needs a Plugin-Requires entry")
                && loose.error().contains("add 'Plugin-Requires: >=" + ApiVersion.CURRENT + " & <2.0.0'"),
                loose.error());
    }

    @Test
    void idsOutsideLowerCaseAsciiAreRefusedAndNamedSoTheyCannotPassForAnother() {
        plugin("TEXT-TOOLS").withService(TestPlugins.HELLO).writeJar(dir.resolve("upper.jar"));
        plugin("text-tools ").withService(TestPlugins.HELLO).writeJar(dir.resolve("space.jar"));
        plugin("text-tool\u0455").withService(TestPlugins.HELLO).writeJar(dir.resolve("cyrillic.jar"));

        List<FoundPlugin> found = load(new PluginRules(List.of("*"), List.of("text-tools")));

        assertEquals(3, found.size());
        for (FoundPlugin plugin : found) {
            assertEquals(PluginState.INVALID, plugin.state(), plugin::toString);
            assertTrue(plugin.error().contains("a plugin id may use only lower-case ASCII letters, digits, '.',"
                    + " '_' and '-'"), plugin.error());
        }
        FoundPlugin cyrillic = found.stream().filter(p -> p.file().equals("cyrillic.jar")).findFirst().orElseThrow();
        assertEquals("text-tool\\u0455", cyrillic.id(), "shown escaped, never as the id it imitates");
        assertTrue(cyrillic.error().contains("'\\u0455' at position 10"), cyrillic.error());
        FoundPlugin upper = found.stream().filter(p -> p.file().equals("upper.jar")).findFirst().orElseThrow();
        assertTrue(upper.error().contains("(write it in lower case)"), upper.error());
    }

    @Test
    void allowAndDenyEntriesAreMatchedInLowerCaseWithoutSpaces() {
        plugin("text-tools").withService(TestPlugins.HELLO).writeJar(dir.resolve("text-tools.jar"));

        FoundPlugin denied = only(load(new PluginRules(List.of("*"), List.of(" Text-Tools "))), "text-tools");
        assertEquals(PluginState.BLOCKED, denied.state());

        FoundPlugin allowed = only(load(new PluginRules(List.of("TEXT-*"), List.of())), "text-tools");
        assertEquals(PluginState.STARTED, allowed.state(), allowed::error);
    }
}
