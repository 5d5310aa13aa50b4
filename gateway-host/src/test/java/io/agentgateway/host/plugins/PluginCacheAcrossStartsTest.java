package io.agentgateway.host.plugins;

import static io.agentgateway.host.plugins.TestPluginJar.plugin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgateway.host.security.PluginRules;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin cache kept from one start to the next: a plugin file that did not change is neither read, copied nor
 * expanded again, and the gateway still runs exactly the bytes it hashed. Each start is a new {@link LivePlugins} on
 * the same cache folder; the hashing is counted, not timed.
 */
class PluginCacheAcrossStartsTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final PluginRules ALL = new PluginRules(List.of("*"), List.of());

    @TempDir
    Path dir;
    Path dist;
    Path cache;
    final AtomicReference<PluginRules> rules = new AtomicReference<>(ALL);
    final List<PluginState> failures = new CopyOnWriteArrayList<>();
    /** The files hashed, by name, in the order they were. */
    final List<String> hashed = new CopyOnWriteArrayList<>();
    PluginCache.Hasher hasher = this::countedHash;
    LivePlugins live;

    @BeforeEach
    void folders() throws IOException {
        dist = Files.createDirectories(dir.resolve("dist"));
        cache = dir.resolve("cache");
    }

    @AfterEach
    void close() {
        if (live != null) {
            live.close();
        }
    }

    @Test
    void anUnchangedFileIsNotHashedAgainAtTheNextStartAndRunsFromTheSameCopy() throws Exception {
        write("a.jar", "a", "1.0.1");
        FoundPlugin first = only(start());
        assertEquals(List.of("a.jar"), hashed);
        assertEquals(Digests.sha256(dist.resolve("a.jar")), first.sha256(), "the digest is that of the file's bytes");

        FoundPlugin second = only(start());

        assertEquals(List.of("a.jar"), hashed, "not hashed again");
        assertEquals("a@1.0.1 STARTED", second.id() + "@" + second.version() + " " + second.state());
        assertEquals(first.sha256(), second.sha256());
        assertTrue(second.loader().getResource("marker-1.0.1.txt").toString()
                .contains(cache.resolve(first.sha256()).toString()), "loaded from the kept copy");
    }

    @Test
    void aPinOfTheFileIsHonouredWhenItsDigestWasRemembered() throws Exception {
        write("a.jar", "a", "1.0.1");
        String sha = only(start()).sha256();

        rules.set(new PluginRules(List.of("*"), List.of(), Map.of("a", sha)));
        assertEquals(PluginState.STARTED, only(start()).state());
        rules.set(new PluginRules(List.of("*"), List.of(), Map.of("a", "0".repeat(64))));
        FoundPlugin blocked = only(start());

        assertEquals(PluginState.BLOCKED, blocked.state());
        assertTrue(blocked.error().endsWith("actual " + sha), blocked.error());
        assertEquals(List.of("a.jar"), hashed, "the pins were checked against the remembered digest");
    }

    @Test
    void aFileWhoseModifiedTimeChangedIsHashedAgainAndKeepsItsCopy() throws Exception {
        write("a.jar", "a", "1.0.1");
        String sha = only(start()).sha256();
        Path jar = dist.resolve("a.jar");
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() - 60_000));

        assertEquals(sha, only(start()).sha256());
        assertEquals(List.of("a.jar", "a.jar"), hashed);
        assertEquals(List.of(sha), entries());

        only(start());
        assertEquals(2, hashed.size(), "remembered again with its new time");
    }

    @Test
    void aFileRewrittenWithOtherBytesIsHashedAgainAndTheOldCopyIsPruned() throws Exception {
        write("a.jar", "a", "1.0.1");
        String old = only(start()).sha256();
        live.close();
        write("a.jar", "a", "1.0.2");

        FoundPlugin now = only(start());

        assertEquals("1.0.2", now.version());
        assertEquals(2, hashed.size());
        assertEquals(List.of(now.sha256()), entries(), "the copy of " + old + " is no longer used");
    }

    @Test
    void aCopyLeftWithoutItsMarkerIsMadeAgain() throws Exception {
        write("a.jar", "a", "1.0.1");
        String sha = only(start()).sha256();
        live.close();
        Path entry = cache.resolve(sha);
        entry.toFile().setWritable(true, true);
        Files.delete(entry.resolve(PluginCache.MARKER));

        FoundPlugin again = only(start());

        assertEquals(PluginState.STARTED, again.state());
        assertEquals(2, hashed.size(), "copied and hashed again");
        assertTrue(Files.exists(entry.resolve(PluginCache.MARKER)));
    }

    @Test
    void aCopyAlteredInTheCacheIsMadeAgainFromThePluginFile() throws Exception {
        write("a.jar", "a", "1.0.1");
        String sha = only(start()).sha256();
        live.close();
        Path copy = cache.resolve(sha).resolve("a.jar");
        copy.toFile().setWritable(true, true);
        Files.write(copy, "not the plugin".getBytes(StandardCharsets.UTF_8));

        FoundPlugin again = only(start());

        assertEquals(PluginState.STARTED, again.state());
        assertEquals(sha, Digests.sha256(copy), "the copy is the plugin's bytes again");
        assertEquals(2, hashed.size());
    }

    @Test
    void aFileChangedWhileItWasCopiedIsNotRemembered() throws Exception {
        write("a.jar", "a", "1.0.1");
        Path jar = dist.resolve("a.jar");
        hasher = copy -> {
            if (hashed.isEmpty()) {
                Files.write(jar, Files.readAllBytes(copy)); // rewritten meanwhile: same bytes, a new ctime
                Files.setLastModifiedTime(jar, FileTime.fromMillis(0));
            }
            return countedHash(copy);
        };
        only(start());

        only(start());

        assertEquals(2, hashed.size(), "hashed again: what the first digest belonged to was not known");
        only(start());
        assertEquals(2, hashed.size());
    }

    @Test
    void aFileThatCannotBeCopiedIsInvalidAndCounted() throws Exception {
        write("a.jar", "a", "1.0.1");
        hasher = copy -> {
            throw new IOException("disk full");
        };

        FoundPlugin invalid = only(start());

        assertEquals(PluginState.INVALID, invalid.state());
        assertEquals("cannot copy it into the plugin cache: IOException: disk full", invalid.error());
        assertEquals(List.of(PluginState.INVALID), failures);
        assertEquals(List.of(), entries());
    }

    @Test
    void aZipThatCannotBeExpandedIsInvalidKnownByItsDigestAndLeavesNothingInTheCache() throws Exception {
        Files.writeString(dist.resolve("garbage.zip"), "not a zip at all");
        Path whole = plugin("cut").withService(TestPlugins.HELLO).writeZip(dir.resolve("whole.zip"));
        byte[] bytes = Files.readAllBytes(whole);
        Files.write(dist.resolve("cut.zip"), java.util.Arrays.copyOf(bytes, bytes.length * 2 / 3));

        List<FoundPlugin> found = start();

        assertEquals(List.of("cut.zip INVALID", "garbage.zip INVALID"), found.stream()
                .map(plugin -> plugin.file() + " " + plugin.state()).toList());
        assertTrue(found.get(0).error().startsWith("cannot expand: "), found.get(0).error());
        assertTrue(!found.get(0).error().contains(cache.toString()), "no path of the cache: " + found.get(0).error());
        assertEquals("cannot expand: the zip holds no entries", found.get(1).error());
        assertEquals(Digests.sha256(dist.resolve("garbage.zip")), found.get(1).sha256());
        assertEquals(List.of(PluginState.INVALID, PluginState.INVALID), failures);
        assertEquals(List.of(), entries());
    }

    @Test
    void aZipPluginIsExpandedOnceAndServedFromTheKeptExpansion() throws Exception {
        plugin("z").withService(TestPlugins.HELLO).entry("marker-z.txt", "z").writeZip(dist.resolve("z.zip"));
        FoundPlugin first = only(start());
        assertEquals(Digests.sha256(dist.resolve("z.zip")), first.sha256());
        Path expansion = cache.resolve(first.sha256()).resolve("z");
        FileTime expanded = Files.getLastModifiedTime(expansion);

        FoundPlugin second = only(start());

        assertEquals(PluginState.STARTED, second.state());
        assertNotNull(second.loader().getResource("marker-z.txt"));
        assertEquals(expanded, Files.getLastModifiedTime(expansion), "not expanded again");
        assertEquals(1, hashed.size());
    }

    @Test
    void aPluginFolderIsHashedAgainAtEveryStartForItsTimesSayNothingOfTheFilesInIt() throws Exception {
        Path zip = plugin("f").withService(TestPlugins.HELLO).entry("marker.txt", "one").writeZip(dir.resolve("f.zip"));
        Path folder = Files.move(org.pf4j.util.FileUtils.expandIfZip(zip), dist.resolve("f"));
        FoundPlugin first = only(start());
        Files.writeString(folder.resolve("classes/marker.txt"), "two");

        FoundPlugin second = only(start());

        assertEquals(2, hashed.size());
        assertNotEquals(first.sha256(), second.sha256());
        try (var marker = second.loader().getResourceAsStream("marker.txt")) {
            assertEquals("two", new String(marker.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void twoFilesOfTheSameContentShareOneCopyWhichOutlivesTheDuplicate() throws Exception {
        write("a.jar", "a", "1.0.1");
        Files.copy(dist.resolve("a.jar"), dist.resolve("b.jar"));
        List<FoundPlugin> found = start();
        assertEquals(List.of(PluginState.STARTED, PluginState.DUPLICATE), found.stream().map(FoundPlugin::state)
                .toList());

        Files.delete(dist.resolve("b.jar"));
        live.reload();

        assertEquals(List.of(found.getFirst().sha256()), entries());
        assertNotNull(found.getFirst().loader().getResource("marker-1.0.1.txt"), "the running copy was kept");
    }

    @Test
    void aVersionReplacedAndPutBackWhileItDrainsKeepsTheCopyTheNewLoadUses() throws Exception {
        write("a.jar", "a", "1.0.1");
        String first = only(start()).sha256();
        write("a.jar", "a", "1.0.2");
        live.reload();
        write("a.jar", "a", "1.0.1");
        FoundPlugin back = only(live.reload());
        live.awaitUnloaded(WAIT);

        assertEquals(first, back.sha256());
        assertEquals(List.of(first), entries());
        assertNotNull(back.loader().getResource("marker-1.0.1.txt"), "the copy it runs from is still there");
    }

    @Test
    void aPluginReachedThroughALinkIsLoadedAgainWhenTheLinkedFileIsReplaced() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        writeAt(data.resolve("a.jar"), "a", "1.0.1");
        // Where the gateway runs (Linux, its container) links are there: the test is required, never skipped.
        Files.createSymbolicLink(dist.resolve("a.jar"), Path.of("..", "data", "a.jar"));
        assertEquals("1.0.1", only(start()).version());

        writeAt(data.resolve("a.jar"), "a", "1.0.2");

        FoundPlugin reloaded = only(live.reload());
        assertEquals("1.0.2", reloaded.version(), "the next look loads what the link now leads to");
        assertEquals(Digests.sha256(dist.resolve("a.jar")), reloaded.sha256());
        FoundPlugin restarted = only(start());
        assertEquals("1.0.2", restarted.version(), "and so does the next start");
        assertNotNull(restarted.loader().getResource("marker-1.0.2.txt"));
    }

    private List<FoundPlugin> start() {
        if (live != null) {
            live.close();
        }
        live = new LivePlugins(dist, cache, rules::get, failures::add, WAIT, copy -> hasher.sha256(copy));
        return live.load();
    }

    private String countedHash(Path copy) throws IOException {
        hashed.add(copy.getFileName().toString());
        return Digests.sha256(copy);
    }

    private void write(String file, String id, String version) {
        writeAt(dist.resolve(file), id, version);
    }

    private static void writeAt(Path jar, String id, String version) {
        plugin(id).manifest("Plugin-Version", version).withService(TestPlugins.HELLO)
                .entry("marker-" + version + ".txt", version).writeJar(jar);
    }

    private List<String> entries() throws IOException {
        try (Stream<Path> children = Files.list(cache)) {
            return children.filter(Files::isDirectory).map(path -> path.getFileName().toString()).sorted().toList();
        }
    }

    private static FoundPlugin only(List<FoundPlugin> found) {
        assertEquals(1, found.size(), found::toString);
        return found.getFirst();
    }
}
