package io.agentgateway.host.plugins;

import static io.agentgateway.host.plugins.TestPluginJar.plugin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgateway.host.security.PluginRules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugins folder kept in force, one look at a time ({@link LivePlugins#reload()}): what the gateway is told when
 * a plugin is added, replaced, broken, duplicated, blocked or removed, and that every version it lets go of is
 * unloaded (its jar closed, its private copy deleted unless another version uses the same content) once its calls
 * have finished.
 */
class LivePluginsTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final PluginRules ALL = new PluginRules(List.of("*"), List.of());

    @TempDir
    Path dir;
    Path dist;
    Path cache;
    final AtomicReference<PluginRules> rules = new AtomicReference<>(ALL);
    final List<PluginState> failures = new CopyOnWriteArrayList<>();
    /** started, removed and changed, in the order the looks at the folder told them. */
    final List<String> told = new CopyOnWriteArrayList<>();
    /** Told by the thread that drains a version, so in no fixed order with the above. */
    final List<String> drained = new CopyOnWriteArrayList<>();
    LivePlugins live;

    @BeforeEach
    void open() throws Exception {
        dist = Files.createDirectories(dir.resolve("dist"));
        cache = dir.resolve("cache");
        live = new LivePlugins(dist, cache, rules::get, failures::add, WAIT);
        live.listen(new LivePlugins.Listener() {
            public void started(FoundPlugin plugin) {
                told.add("started " + plugin.id() + "@" + plugin.version());
            }

            public void removed(FoundPlugin plugin) {
                told.add("removed " + plugin.id() + "@" + plugin.version());
            }

            public void drained(FoundPlugin plugin) {
                drained.add(plugin.id() + "@" + plugin.version());
            }

            public void changed() {
                told.add("changed");
            }
        });
    }

    @AfterEach
    void close() {
        live.close();
    }

    @Test
    void aPluginAddedThenReplacedThenRemovedIsLoadedFromACopyAndEachVersionIsUnloaded() throws Exception {
        assertEquals(List.of(), live.load());
        write("a.jar", "a", "1.0.1");

        FoundPlugin first = only(live.reload());
        assertEquals("a@1.0.1 STARTED a.jar", describe(first));
        assertEquals(List.of("started a@1.0.1", "changed"), told);
        assertTrue(first.loader().getResource("marker-1.0.1.txt").toString().contains(cache.toString()),
                "loaded from the private copy, not from the folder");
        assertEquals(List.of(first), live.reload(), "an unchanged folder changes nothing");
        assertEquals(2, told.size());

        write("a.jar", "a", "1.0.2");
        FoundPlugin second = only(live.reload());
        assertEquals("a@1.0.2 STARTED a.jar", describe(second));
        live.awaitUnloaded(WAIT);
        assertEquals(List.of("started a@1.0.1", "changed", "started a@1.0.2", "changed"), told,
                "a replaced version is not 'removed': its replacement took its place");
        assertEquals(List.of("a@1.0.1"), drained);
        assertNull(first.loader().getResource("marker-1.0.1.txt"), "the replaced version's jar was let go");
        assertEquals(1, copies(), "only the running version's copy is kept");

        Files.delete(dist.resolve("a.jar"));
        assertEquals(List.of(), live.reload());
        live.awaitUnloaded(WAIT);
        assertEquals(List.of("removed a@1.0.2", "changed"), told.subList(4, told.size()));
        assertEquals(List.of("a@1.0.1", "a@1.0.2"), drained);
        assertNull(second.loader().getResource("marker-1.0.2.txt"));
        assertEquals(0, copies());
        assertEquals(List.of(), failures);
    }

    @Test
    void aBrokenNewVersionLeavesTheOldOneServingAndIsShownBesideIt() throws Exception {
        write("a.jar", "a", "1.0.1");
        FoundPlugin running = only(live.load());
        plugin("a").manifest("Plugin-Version", "1.0.2").withService(TestPlugins.BOOM).writeJar(dist.resolve("a.jar"));

        List<FoundPlugin> found = live.reload();

        assertEquals(List.of("a@1.0.1 STARTED a.jar", "a@1.0.2 FAILED a.jar"), found.stream()
                .map(LivePluginsTest::describe).toList());
        assertTrue(found.get(1).error().contains("boom: no API key"), found.get(1).error());
        assertEquals(List.of(PluginState.FAILED), failures);
        assertEquals(List.of("started a@1.0.1", "changed"), told, "nothing was removed or replaced");
        assertEquals(List.of(), drained);
        assertNotNull(running.loader().getResource("marker-1.0.1.txt"), "the old version still serves");
        assertEquals(1, copies(), "the broken version's copy is deleted");
    }

    @Test
    void aSecondFileWithAnIdAlreadyRunningIsADuplicate() throws Exception {
        write("a.jar", "a", "1.0.1");
        write("b.jar", "a", "2.0.0");

        List<FoundPlugin> found = live.load();

        assertEquals(List.of("a@1.0.1 STARTED a.jar", "a@2.0.0 DUPLICATE b.jar"), found.stream()
                .map(LivePluginsTest::describe).toList());
        assertEquals("plugin id already taken by a.jar", found.get(1).error());
        assertEquals(List.of("started a@1.0.1", "changed"), told);
        assertEquals(1, copies());
    }

    @Test
    void newRulesBlockARunningPluginAndLetItBackWhenLifted() throws Exception {
        write("a.jar", "a", "1.0.1");
        FoundPlugin running = only(live.load());

        rules.set(new PluginRules(List.of("*"), List.of("A")));
        assertEquals(List.of(running), live.reload(), "a look at the folder does not apply new rules");
        FoundPlugin blocked = only(live.applyRules());
        live.awaitUnloaded(WAIT);

        assertEquals("a@1.0.1 BLOCKED a.jar", describe(blocked));
        assertEquals("matches dropin_module_denylist entry 'A'", blocked.error());
        assertEquals(List.of("started a@1.0.1", "changed", "removed a@1.0.1", "changed"), told);
        assertEquals(List.of("a@1.0.1"), drained);
        assertNull(running.loader().getResource("marker-1.0.1.txt"));

        rules.set(ALL);
        assertEquals("a@1.0.1 STARTED a.jar", describe(only(live.applyRules())));
        assertEquals(List.of("started a@1.0.1", "changed"), told.subList(4, told.size()));
    }

    @Test
    void aPinThatNamesOtherBytesBlocksTheRunningPluginAndOneThatMatchesKeepsIt() throws Exception {
        write("a.jar", "a", "1.0.1");
        FoundPlugin running = only(live.load());

        rules.set(new PluginRules(List.of("*"), List.of(), Map.of("a", running.sha256())));
        assertEquals(List.of(running), live.applyRules(), "matching bytes keep running");

        rules.set(new PluginRules(List.of("*"), List.of(), Map.of("a", "0".repeat(64))));
        FoundPlugin blocked = only(live.applyRules());
        assertEquals("a@1.0.1 BLOCKED a.jar", describe(blocked));
        assertEquals("sha256 does not match its plugin_pins entry: expected " + "0".repeat(64) + ", actual "
                + running.sha256(), blocked.error());
    }

    @Test
    void onlyJarsZipsAndFoldersAreLookedAtAndHiddenOnesNever() throws Exception {
        write("a.jar", "a", "1.0.1");
        Files.writeString(dist.resolve("notes.txt"), "not a plugin");
        write(".b.jar", "b", "1.0.0");
        Files.createDirectories(dist.resolve("empty"));

        List<FoundPlugin> found = live.load();

        assertEquals(List.of("a.jar", "empty"), found.stream().map(FoundPlugin::file).toList());
        assertEquals(PluginState.INVALID, found.get(1).state(), found.get(1)::toString);
    }

    @Test
    void aReplacedVersionDrainsItsCallsBeforeItIsUnloaded() throws Exception {
        write("a.jar", "a", "1.0.1");
        FoundPlugin first = only(live.load());
        InFlight calls = LiveProviders.inFlightOf(first);
        assertTrue(calls.enter(), "a call under way on the first version");

        write("a.jar", "a", "1.0.2");
        live.reload();
        assertEquals(List.of(), drained, "not drained while a call runs");
        assertNotNull(first.loader().getResource("marker-1.0.1.txt"), "the call can still load its classes");

        calls.exit();
        live.awaitUnloaded(WAIT);
        assertEquals(List.of("a@1.0.1"), drained);
        assertNull(first.loader().getResource("marker-1.0.1.txt"));
    }

    @Test
    void aVersionStillBusyAtTheDeadlineIsUnloadedAnyway() throws Exception {
        live.close();
        live = new LivePlugins(dist, cache, rules::get, failures::add, Duration.ofMillis(1));
        write("a.jar", "a", "1.0.1");
        FoundPlugin first = only(live.load());
        assertTrue(LiveProviders.inFlightOf(first).enter(), "a call that never ends");

        Files.delete(dist.resolve("a.jar"));
        live.reload();
        live.awaitUnloaded(WAIT);

        assertNull(first.loader().getResource("marker-1.0.1.txt"));
        assertEquals(0, copies());
    }

    @Test
    void aDrainCutShortSaysWhatWasStillRunningAndAThrowingDrainedListenerStopsNoUnload() throws Exception {
        live.close();
        live = new LivePlugins(dist, cache, rules::get, failures::add, Duration.ofMillis(1));
        live.listen(new LivePlugins.Listener() {
            public void started(FoundPlugin plugin) {
            }

            public void removed(FoundPlugin plugin) {
            }

            public void drained(FoundPlugin plugin) {
                throw new IllegalStateException("tools already closed");
            }
        });
        write("a.jar", "a", "1.0.1");
        FoundPlugin first = only(live.load());
        assertTrue(LiveProviders.inFlightOf(first).enter(), "a call that never ends");
        try (CapturedEvents events = new CapturedEvents()) {
            Files.delete(dist.resolve("a.jar"));
            live.reload();
            live.awaitUnloaded(WAIT);

            Map<String, Object> timeout = events.named("agent.dropin.drain_timeout").getFirst();
            assertEquals(List.of("a", 1, 1), List.of(timeout.get("plugin_id"),
                    ((Number) timeout.get("still_running")).intValue(),
                    ((Number) timeout.get("waited_ms")).intValue()));
            assertTrue(String.valueOf(events.named("agent.dropin.stop_failed").getFirst().get("cause"))
                    .contains("tools already closed"));
            assertEquals("removed", events.named("agent.dropin.unloaded").getFirst().get("reason"));
        }
        assertNull(first.loader().getResource("marker-1.0.1.txt"), "unloaded all the same");
        assertEquals(0, copies());
    }

    @Test
    void aVersionThatDrainedInTimeIsNotReportedAsCutShort() throws Exception {
        write("a.jar", "a", "1.0.1");
        live.load();
        try (CapturedEvents events = new CapturedEvents()) {
            write("a.jar", "a", "1.0.2");
            live.reload();
            live.awaitUnloaded(WAIT);
            assertEquals("replaced", events.named("agent.dropin.unloaded").getFirst().get("reason"));
            assertEquals(List.of(), events.named("agent.dropin.drain_timeout"));
        }
    }

    @Test
    void aLookAtTheFolderThatFailsIsLoggedAndTheNextLooksGoOn() throws Exception {
        live.close();
        AtomicBoolean unreadable = new AtomicBoolean(true);
        live = new LivePlugins(dist, cache, () -> {
            if (unreadable.get()) {
                throw new IllegalStateException("the plugin rules cannot be read");
            }
            return ALL;
        }, failures::add, WAIT);
        CountDownLatch changed = changeSeen(live);
        try (CapturedEvents events = new CapturedEvents()) {
            live.watch(Duration.ofMillis(20));
            List<Map<String, Object>> failed = events.await("agent.dropin.watch_failed", 2);
            assertEquals("IllegalStateException: the plugin rules cannot be read", failed.getFirst().get("cause"));

            unreadable.set(false);
            write("a.jar", "a", "1.0.1");
            assertTrue(changed.await(WAIT.toSeconds(), TimeUnit.SECONDS), "watching went on after the failed looks");
            assertEquals("a@1.0.1 STARTED a.jar", describe(only(live.plugins())));
        } finally {
            live.stopWatching();
        }
    }

    @Test
    void watchingPicksUpAFileOnceItHasStoppedChanging() throws Exception {
        live.load();
        CountDownLatch changed = changeSeen(live);
        live.watch(Duration.ofMillis(20));
        write("a.jar", "a", "1.0.1");

        assertTrue(changed.await(WAIT.toSeconds(), TimeUnit.SECONDS), "the watcher loaded the new plugin");
        assertEquals("a@1.0.1 STARTED a.jar", describe(only(live.plugins())));
        live.stopWatching();
    }

    @Test
    void afterStopWatchingAFileDroppedInIsNotLoaded() throws Exception {
        live.load();
        live.watch(Duration.ofMillis(20));
        live.stopWatching();
        write("a.jar", "a", "1.0.1");

        Thread.sleep(500); // twenty-five looks' worth: a watcher still running would have loaded it by now
        assertEquals(List.of(), live.plugins(), "the folder is no longer watched");
        live.reload();
        assertEquals("a@1.0.1 STARTED a.jar", describe(only(live.plugins())), "a reload still sees the file");
    }

    @Test
    void closingUnloadsEveryRunningPluginAndKeepsTheirCopiesForTheNextStart() throws Exception {
        write("a.jar", "a", "1.0.1");
        write("b.jar", "b", "1.0.1");
        List<FoundPlugin> running = live.load();
        assertEquals(2, copies());

        live.close();

        for (FoundPlugin plugin : running) {
            assertNull(plugin.loader().getResource("marker-1.0.1.txt"), plugin::toString);
        }
        assertEquals(2, copies());
    }

    @Test
    void aVersionThatFinishesDrainingAfterCloseLeavesTheCopiesOfThePluginsThatRanForTheNextStart() throws Exception {
        write("a.jar", "a", "1.0.1");
        write("b.jar", "b", "1.0.1");
        InFlight calls = LiveProviders.inFlightOf(live.load().getFirst());
        assertTrue(calls.enter(), "a call under way on a@1.0.1");
        write("a.jar", "a", "1.0.2");
        List<String> ran = live.reload().stream().map(FoundPlugin::sha256).sorted().toList();

        live.close();
        calls.exit();
        live.awaitUnloaded(WAIT);

        assertEquals(List.of("a@1.0.1"), drained);
        assertTrue(entries().containsAll(ran), "kept " + ran + ", found " + entries());
    }

    @Test
    void whatAnEarlierRunLeftInTheCacheAndNoPluginUsesIsRemovedOnceThePluginsAreLoaded() throws Exception {
        live.close();
        Files.writeString(Files.createDirectories(cache.resolve("0123456789abcdef-7")).resolve("old.jar"), "old");
        Files.writeString(cache.resolve("stray.txt"), "stray");
        write("a.jar", "a", "1.0.1");
        live = new LivePlugins(dist, cache, rules::get, failures::add, WAIT);
        assertEquals(1, copies(), "nothing is deleted before the plugins are loaded");

        FoundPlugin running = only(live.load());

        assertEquals(List.of(running.sha256()), entries());
        assertTrue(Files.notExists(cache.resolve("stray.txt")));
    }

    @Test
    void replacingRemovingAndBlockingAreLoggedWithTheVersions() throws Exception {
        try (CapturedEvents events = new CapturedEvents()) {
            write("a.jar", "a", "1.0.1");
            live.load();
            write("a.jar", "a", "1.0.2");
            live.reload();
            Map<String, Object> replaced = events.named("agent.dropin.replaced").getFirst();
            assertEquals(List.of("a", "1.0.1", "1.0.2"), List.of(replaced.get("plugin_id"),
                    replaced.get("old_version"), replaced.get("version")));

            rules.set(new PluginRules(List.of("*"), List.of("a")));
            live.applyRules();
            List<Map<String, Object>> blockedEvents = events.named("agent.dropin.blocked");
            assertEquals(1, blockedEvents.size(), "taking it out of service is logged once: " + blockedEvents);
            Map<String, Object> blocked = blockedEvents.getFirst();
            assertEquals("a", blocked.get("plugin_id"));
            assertEquals("matches dropin_module_denylist entry 'a'", blocked.get("reason"));

            rules.set(ALL);
            live.applyRules();
            Files.delete(dist.resolve("a.jar"));
            live.reload();
            Map<String, Object> removed = events.named("agent.dropin.removed").getFirst();
            assertEquals(List.of("a", "1.0.2", "a.jar"), List.of(removed.get("plugin_id"), removed.get("version"),
                    removed.get("file")));
        }
    }

    @Test
    void aListenerThatThrowsIsLoggedAndThePluginsComeAndGoAllTheSame() throws Exception {
        live.listen(new LivePlugins.Listener() {
            public void started(FoundPlugin plugin) {
                throw new IllegalStateException("tool name taken");
            }

            public void removed(FoundPlugin plugin) {
                throw new IllegalStateException("already unregistered");
            }

            public void drained(FoundPlugin plugin) {
                drained.add(plugin.id() + "@" + plugin.version());
            }
        });
        try (CapturedEvents events = new CapturedEvents()) {
            write("a.jar", "a", "1.0.1");
            assertEquals("a@1.0.1 STARTED a.jar", describe(only(live.load())));
            assertTrue(String.valueOf(events.named("agent.dropin.failed").getFirst().get("cause"))
                    .contains("registering what it contributes threw IllegalStateException: tool name taken"),
                    events.named("agent.dropin.failed").toString());

            Files.delete(dist.resolve("a.jar"));
            assertEquals(List.of(), live.reload());
            live.awaitUnloaded(WAIT);
            assertTrue(String.valueOf(events.named("agent.dropin.stop_failed").getFirst().get("cause"))
                    .contains("already unregistered"), events.named("agent.dropin.stop_failed").toString());
            assertEquals(List.of("a@1.0.1"), drained, "unloaded all the same");
        }
    }

    @Test
    void aFileThatNeverStartedComesAndGoesWithoutChangingWhatRuns() throws Exception {
        write("a.jar", "a", "1.0.1");
        live.load();
        plugin("boom").withService(TestPlugins.BOOM).writeJar(dist.resolve("boom.jar"));
        write("b.jar", "a", "2.0.0");
        assertEquals(List.of("a@1.0.1 STARTED a.jar", "a@2.0.0 DUPLICATE b.jar", "boom@1.0.0 FAILED boom.jar"),
                live.reload().stream().map(LivePluginsTest::describe).toList());
        Files.delete(dist.resolve("boom.jar"));
        Files.delete(dist.resolve("b.jar"));
        live.reload();
        assertEquals(List.of("started a@1.0.1", "changed"), told, "what runs never changed");
    }

    @Test
    void aFailedPluginWhoseFileIsTouchedStaysListedOnceAsFailed() throws Exception {
        Path boom = plugin("boom").withService(TestPlugins.BOOM).writeJar(dist.resolve("boom.jar"));
        live.load();
        Files.setLastModifiedTime(boom, java.nio.file.attribute.FileTime.from(java.time.Instant.now().plusSeconds(5)));
        assertEquals(List.of("boom@1.0.0 FAILED boom.jar"), live.reload().stream().map(LivePluginsTest::describe)
                .toList());
    }

    /** @return a latch counted down once {@code plugins} has looked and put a changed list in place */
    private static CountDownLatch changeSeen(LivePlugins plugins) {
        CountDownLatch changed = new CountDownLatch(1);
        plugins.listen(new LivePlugins.Listener() {
            public void started(FoundPlugin plugin) {
            }

            public void removed(FoundPlugin plugin) {
            }

            public void drained(FoundPlugin plugin) {
            }

            public void changed() {
                changed.countDown();
            }
        });
        return changed;
    }

    private void write(String file, String id, String version) {
        // A marker per version: the content differs, and a resource tells whether that version's jar is still open.
        plugin(id).manifest("Plugin-Version", version).withService(TestPlugins.HELLO)
                .entry("marker-" + version + ".txt", version).writeJar(dist.resolve(file));
    }

    private long copies() throws Exception {
        return entries().size();
    }

    /** The cache's folders, by name; the file of remembered digests beside them is not one. */
    private List<String> entries() throws Exception {
        try (Stream<Path> children = Files.list(cache)) {
            return children.filter(Files::isDirectory).map(path -> path.getFileName().toString()).sorted().toList();
        }
    }

    private static FoundPlugin only(List<FoundPlugin> found) {
        assertEquals(1, found.size(), found::toString);
        return found.getFirst();
    }

    private static String describe(FoundPlugin plugin) {
        return plugin.id() + "@" + plugin.version() + " " + plugin.state() + " " + plugin.file();
    }
}
