package io.agentgateway.host.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SHA-256 a plugin is pinned by (security.yaml plugin_pins): a file's is the usual one ({@code sha256sum}); a
 * folder's changes with any file's name or bytes, and only with them.
 */
class DigestsTest {

    @TempDir
    Path dir;

    @Test
    void aFilesDigestIsTheOneSha256sumPrints() throws Exception {
        Path jar = Files.writeString(dir.resolve("abc.jar"), "abc");
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Digests.sha256(jar));
    }

    @Test
    void aFoldersDigestFollowsItsFilesNamesAndBytes() throws Exception {
        Path plugin = Files.createDirectories(dir.resolve("one"));
        Files.createDirectories(plugin.resolve("lib"));
        Files.writeString(plugin.resolve("a"), "bc");
        String original = Digests.sha256(plugin);
        assertEquals(original, Digests.sha256(copy(plugin, "same", "a", "bc")), "the same tree, the same digest");

        assertNotEquals(original, Digests.sha256(copy(plugin, "changed", "a", "bd")), "other bytes");
        assertNotEquals(original, Digests.sha256(copy(plugin, "renamed", "b", "bc")), "another name");
        assertNotEquals(original, Digests.sha256(copy(plugin, "shifted", "ab", "c")),
                "a name and bytes that only run together the same");
        assertNotEquals(original, Digests.sha256(Files.createDirectories(dir.resolve("empty"))));
    }

    private Path copy(Path plugin, String folder, String file, String content) throws Exception {
        Path other = Files.createDirectories(dir.resolve(folder).resolve("lib")).getParent();
        Files.writeString(other.resolve(file), content);
        return other;
    }
}
