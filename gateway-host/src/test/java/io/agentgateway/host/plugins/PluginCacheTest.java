package io.agentgateway.host.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The private copy a plugin runs from: a plugin folder is copied whole, the copy is made read-only once loaded, and
 * it is deleted all the same when the version is unloaded.
 */
class PluginCacheTest {

    @TempDir
    Path dir;

    @Test
    void aPluginFolderIsCopiedWholeUnderItsName() throws Exception {
        Path source = Files.createDirectories(dir.resolve("dist/tools/classes/demo"));
        Files.writeString(source.resolve("Tool.class"), "class bytes");
        Files.writeString(Files.createDirectories(dir.resolve("dist/tools/lib")).resolve("json.jar"), "jar bytes");

        Path target = dir.resolve("cache/0123-1");
        PluginCache.copy(dir.resolve("dist/tools"), target);

        assertEquals("class bytes", Files.readString(target.resolve("tools/classes/demo/Tool.class")));
        assertEquals("jar bytes", Files.readString(target.resolve("tools/lib/json.jar")));
    }

    @Test
    void aSealedCopyIsReadOnlyAndIsStillDeletedWhenTheVersionIsUnloaded() throws Exception {
        Path jar = Files.writeString(dir.resolve("tools.jar"), "jar bytes");
        Path target = dir.resolve("cache/4567-2");
        PluginCache.copy(jar, target);

        PluginCache.seal(target);
        assertFalse(Files.getPosixFilePermissions(target.resolve("tools.jar"))
                .contains(PosixFilePermission.OWNER_WRITE), "the copy is read-only");
        assertFalse(Files.getPosixFilePermissions(target).contains(PosixFilePermission.OWNER_WRITE));

        PluginCache.delete(target);
        assertTrue(Files.notExists(target));
        assertEquals("jar bytes", Files.readString(jar), "the plugins folder is left as it was");
    }
}
