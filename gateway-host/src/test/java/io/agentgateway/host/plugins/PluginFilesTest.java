package io.agentgateway.host.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stamp by which the plugins folder's watch tells that a plugin is still being written: a folder's covers every
 * file in it, and a plugin gone has a stamp of its own.
 */
class PluginFilesTest {

    @TempDir
    Path dir;

    @Test
    void aFoldersStampIsItsFilesBytesAndItsNewestChange() throws Exception {
        Path plugin = Files.createDirectories(dir.resolve("tools/lib"));
        Files.writeString(plugin.resolve("a.jar"), "abc");
        Files.writeString(plugin.resolve("b.jar"), "defg");
        Path folder = plugin.getParent();
        for (Path path : new Path[] {folder, plugin, plugin.resolve("a.jar"), plugin.resolve("b.jar")}) {
            Files.setLastModifiedTime(path, FileTime.fromMillis(1_000_000));
        }
        Files.setLastModifiedTime(plugin.resolve("b.jar"), FileTime.fromMillis(2_000_000));
        FileStamp settled = FileStamp.ofFolder(7, FileTime.fromMillis(2_000_000));
        assertEquals(settled, PluginFiles.stamp(folder));

        Files.writeString(plugin.resolve("a.jar"), "abcd"); // a copy into the folder still under way
        assertNotEquals(settled, PluginFiles.stamp(folder));
    }

    @Test
    void aFilesStampIsItsFileStamp() throws Exception {
        Path jar = Files.writeString(dir.resolve("tools.jar"), "abc");
        Files.setLastModifiedTime(jar, FileTime.fromMillis(3_000_000));
        FileStamp stamp = PluginFiles.stamp(jar);
        assertEquals(FileStamp.of(jar), stamp);
        assertEquals(3, stamp.size());
        assertEquals(3_000_000_000_000L, stamp.modified());
    }

    @Test
    void aPluginGoneHasTheStampOfNothing() {
        assertEquals(FileStamp.NONE, PluginFiles.stamp(dir.resolve("gone.jar")));
    }
}
