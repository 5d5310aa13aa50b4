package io.agentgateway.host.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The private copies plugins run from, named by content: a plugin folder is copied whole, an entry is read-only and
 * listed in its marker, an entry that no longer matches its marker is incomplete and made again, and pruning deletes
 * what is not named.
 */
class PluginCacheTest {

    @TempDir
    Path dir;

    @Test
    void aPluginFolderIsCopiedWholeUnderItsName() throws Exception {
        Path source = Files.createDirectories(dir.resolve("dist/tools/classes/demo"));
        Files.writeString(source.resolve("Tool.class"), "class bytes");
        Files.writeString(Files.createDirectories(dir.resolve("dist/tools/lib")).resolve("json.jar"), "jar bytes");

        Path target = dir.resolve("cache/0123");
        PluginCache.copy(dir.resolve("dist/tools"), target);

        assertEquals("class bytes", Files.readString(target.resolve("tools/classes/demo/Tool.class")));
        assertEquals("jar bytes", Files.readString(target.resolve("tools/lib/json.jar")));
    }

    @Test
    void aSealedCopyIsReadOnlyListedInItsMarkerAndIsStillDeleted() throws Exception {
        Path jar = Files.writeString(dir.resolve("tools.jar"), "jar bytes");
        Path target = dir.resolve("cache/4567");
        PluginCache.copy(jar, target);

        PluginCache.seal(target);
        assertFalse(Files.getPosixFilePermissions(target.resolve("tools.jar"))
                .contains(PosixFilePermission.OWNER_WRITE), "the copy is read-only");
        assertFalse(Files.getPosixFilePermissions(target).contains(PosixFilePermission.OWNER_WRITE));
        assertEquals(PluginCache.listing(target), Files.readString(target.resolve(PluginCache.MARKER)));
        assertTrue(PluginCache.listing(target).startsWith("tools.jar\t9 "), PluginCache.listing(target));

        PluginCache.delete(target);
        assertTrue(Files.notExists(target));
        assertEquals("jar bytes", Files.readString(jar), "the plugins folder is left as it was");
    }

    @Test
    void aStoredFileIsNamedByTheDigestOfItsCopyAndComplete() throws Exception {
        Path jar = Files.writeString(dir.resolve("tools.jar"), "jar bytes");
        PluginCache cache = new PluginCache(dir.resolve("cache"), Digests::sha256);

        PluginCache.Stored stored = cache.store(jar);

        assertEquals(new PluginCache.Stored(Digests.sha256(jar), null), stored);
        assertEquals("jar bytes", Files.readString(cache.folder(stored.sha()).resolve("tools.jar")));
        assertTrue(cache.complete(stored.sha()));
        assertEquals(List.of(stored.sha()), children(dir.resolve("cache")), "nothing left of the making");
    }

    @Test
    void anEntryIsIncompleteWithoutItsMarkerOrWithAFileChangedAddedOrMissing() throws Exception {
        PluginCache cache = new PluginCache(dir.resolve("cache"), Digests::sha256);
        String sha = cache.store(Files.writeString(dir.resolve("tools.jar"), "jar bytes")).sha();
        Path entry = cache.folder(sha);
        entry.toFile().setWritable(true, true);
        Path copy = entry.resolve("tools.jar");

        Files.setLastModifiedTime(copy, FileTime.fromMillis(0));
        assertFalse(cache.complete(sha), "a time changed");
        Files.delete(copy);
        assertFalse(cache.complete(sha), "a file missing");
        Files.delete(entry.resolve(PluginCache.MARKER));
        assertFalse(cache.complete(sha), "no marker");
        assertFalse(cache.complete("0".repeat(64)), "no entry");

        String other = cache.store(Files.writeString(dir.resolve("other.jar"), "other bytes")).sha();
        cache.folder(other).toFile().setWritable(true, true);
        Files.writeString(cache.folder(other).resolve("extra.class"), "added");
        assertFalse(cache.complete(other), "a file added");
    }

    @Test
    void storingContentAlreadyCompleteKeepsTheEntryAndAnIncompleteOneIsMadeAgain() throws Exception {
        PluginCache cache = new PluginCache(dir.resolve("cache"), Digests::sha256);
        Path jar = Files.writeString(dir.resolve("tools.jar"), "jar bytes");
        String sha = cache.store(jar).sha();
        Object kept = Files.readAttributes(cache.folder(sha).resolve("tools.jar"), BasicFileAttributes.class)
                .fileKey();

        cache.store(Files.copy(jar, dir.resolve("same.jar")));
        assertEquals(kept, Files.readAttributes(cache.folder(sha).resolve("tools.jar"), BasicFileAttributes.class)
                .fileKey(), "the whole entry is kept, not replaced");

        cache.folder(sha).toFile().setWritable(true, true);
        Files.delete(cache.folder(sha).resolve(PluginCache.MARKER));
        cache.store(jar);
        assertTrue(cache.complete(sha));
        assertEquals(List.of(PluginCache.MARKER, "tools.jar"), children(cache.folder(sha)), "made again");
    }

    @Test
    void pruningKeepsWhatIsNamedAndDeletesEverythingElse() throws Exception {
        Path root = dir.resolve("cache");
        PluginCache cache = new PluginCache(root, Digests::sha256);
        String used = cache.store(Files.writeString(dir.resolve("a.jar"), "a")).sha();
        cache.store(Files.writeString(dir.resolve("b.jar"), "b"));
        Files.createDirectories(root.resolve(".new-1-1"));
        Files.writeString(root.resolve("digests.tsv"), "kept");
        Files.writeString(root.resolve("stray"), "stray");

        cache.prune(Set.of(used), Set.of("digests.tsv"));

        assertEquals(Stream.of("digests.tsv", used).sorted().toList(), children(root));
    }

    @Test
    void aCacheFolderThatCannotBeMadeStopsTheStartWithItsPath() throws Exception {
        Path taken = Files.writeString(dir.resolve("cache"), "a file where the folder goes");

        UncheckedIOException refused = assertThrows(UncheckedIOException.class,
                () -> new PluginCache(taken, Digests::sha256));

        assertEquals("cannot prepare the plugin cache " + taken, refused.getMessage());
    }

    private static List<String> children(Path folder) throws Exception {
        try (Stream<Path> children = Files.list(folder)) {
            return children.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }
}
