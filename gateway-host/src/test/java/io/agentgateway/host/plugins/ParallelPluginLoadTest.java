package io.agentgateway.host.plugins;

import static io.agentgateway.host.plugins.PluginFolderTest.only;
import static io.agentgateway.host.plugins.TestPluginJar.plugin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgateway.host.security.PluginRules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugins of the folder load at the same time, and what they contribute is registered in file-name order all the
 * same; one that fails, however long it takes, holds no other back and disables none.
 */
class ParallelPluginLoadTest {

    @TempDir
    Path dir;
    Path plugins;
    final List<String> registered = new CopyOnWriteArrayList<>();
    final List<PluginState> failures = new CopyOnWriteArrayList<>();

    @BeforeEach
    void folder() throws IOException {
        plugins = Files.createDirectories(dir.resolve("plugins"));
        System.clearProperty("demo.arrived");
    }

    private LivePlugins live() {
        LivePlugins live = new LivePlugins(plugins, dir.resolve("cache"),
                () -> new PluginRules(List.of("*"), List.of()), failures::add, Duration.ofSeconds(5));
        live.listen(new LivePlugins.Listener() {
            public void started(FoundPlugin plugin) {
                registered.add(plugin.id());
            }

            public void removed(FoundPlugin plugin) {
            }

            public void drained(FoundPlugin plugin) {
            }
        });
        return live;
    }

    @Test
    void aSlowFailingPluginLoadsAlongsideTheOthersAndHoldsNoneBack() {
        // "first" waits until "third" is loading, then fails; "third" waits until "first" is loading. Loaded one
        // after the other, "first" would give up waiting ("loaded alone") and "third" would never be reached in time.
        plugin("first").withService(TestPlugins.RENDEZVOUS).entry("wait.txt", "third").entry("fail.txt", "yes")
                .writeJar(plugins.resolve("a-first.jar"));
        plugin("boom").withService(TestPlugins.BOOM).writeJar(plugins.resolve("b-boom.jar"));
        plugin("third").withService(TestPlugins.RENDEZVOUS).entry("wait.txt", "first")
                .writeJar(plugins.resolve("c-third.jar"));
        plugin("hello").withService(TestPlugins.HELLO).writeJar(plugins.resolve("d-hello.jar"));

        try (LivePlugins live = live()) {
            List<FoundPlugin> found = live.load();

            assertEquals(List.of("a-first.jar", "b-boom.jar", "c-third.jar", "d-hello.jar"),
                    found.stream().map(FoundPlugin::file).toList());
            FoundPlugin first = only(found, "first");
            assertEquals(PluginState.FAILED, first.state());
            assertTrue(first.error().contains("fails on purpose"), first::error);
            assertEquals(PluginState.FAILED, only(found, "boom").state());
            assertEquals(PluginState.STARTED, only(found, "third").state(), () -> only(found, "third").error());
            assertEquals(PluginState.STARTED, only(found, "hello").state());
            assertEquals(List.of("third", "hello"), registered, "the started ones, in file order");
            assertEquals(List.of(PluginState.FAILED, PluginState.FAILED), failures);
        }
    }

    @Test
    void whatFinishesLoadingFirstIsStillRegisteredInFileOrder() {
        // "early" (first by file name) finishes loading only once "late" has arrived, so "late" is done before it.
        plugin("early").withService(TestPlugins.RENDEZVOUS).entry("wait.txt", "late")
                .writeJar(plugins.resolve("a-early.jar"));
        plugin("late").withService(TestPlugins.RENDEZVOUS).writeJar(plugins.resolve("b-late.jar"));
        plugin("last").withService(TestPlugins.HELLO).writeJar(plugins.resolve("c-last.jar"));

        try (LivePlugins live = live()) {
            List<FoundPlugin> found = live.load();

            assertTrue(found.stream().allMatch(FoundPlugin::started), found::toString);
            assertEquals(List.of("early", "late", "last"), registered);
            assertEquals(List.of("early", "late", "last"), found.stream().map(FoundPlugin::id).toList());
        }
    }

    @Test
    void aZipsExpansionNextToItIsNotLoadedAsASecondPlugin() throws IOException {
        Path zip = plugin("zipped").withService(TestPlugins.HELLO).writeZip(plugins.resolve("zipped.zip"));
        Path expansion = Files.createDirectories(plugins.resolve("zipped"));
        plugin("zipped").withService(TestPlugins.HELLO).writeZip(dir.resolve("copy.zip"));
        try (var in = new java.util.zip.ZipInputStream(Files.newInputStream(dir.resolve("copy.zip")))) {
            for (var entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                Path target = expansion.resolve(entry.getName());
                Files.createDirectories(target.getParent());
                Files.write(target, in.readAllBytes());
            }
        }

        try (LivePlugins live = live()) {
            List<FoundPlugin> found = live.load();

            assertEquals(1, found.size(), found::toString);
            assertEquals(zip.getFileName().toString(), found.getFirst().file());
            assertEquals(PluginState.STARTED, found.getFirst().state(), found.getFirst()::error);
            assertEquals(List.of(), failures, "no duplicate refused");
        }
    }
}
