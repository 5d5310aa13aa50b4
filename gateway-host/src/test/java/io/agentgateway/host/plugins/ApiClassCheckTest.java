package io.agentgateway.host.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin folder (an expanded zip) must not bring its own gateway API classes, in classes/ or in any lib/*.jar: the
 * refusal names where they are.
 */
class ApiClassCheckTest {

    @TempDir
    Path dir;

    @Test
    void apiClassesInClassesAreFound() throws Exception {
        Path plugin = dir.resolve("copied");
        Files.createDirectories(plugin.resolve("classes/io/agentgateway/api"));
        assertEquals(Optional.of("classes/io/agentgateway/api/"), ApiClassCheck.bundledApiClass(plugin));
    }

    @Test
    void apiClassesInALibraryJarAreFoundAndTheJarNamed() throws Exception {
        Path plugin = dir.resolve("shaded");
        Files.createDirectories(plugin.resolve("lib"));
        // Files beside the jars that are no jars are not opened as jars.
        Files.writeString(plugin.resolve("lib/a-notes.txt"), "not a jar");
        jar(plugin.resolve("lib/b-own.jar"), "demo/Own.class");
        jar(plugin.resolve("lib/c-api.jar"), "io/agentgateway/api/GatewayPlugin.class");
        assertEquals(Optional.of("lib/c-api.jar: io/agentgateway/api/GatewayPlugin.class"),
                ApiClassCheck.bundledApiClass(plugin));
    }

    @Test
    void aFolderWithOnlyItsOwnClassesPasses() throws Exception {
        Path plugin = dir.resolve("clean");
        Files.createDirectories(plugin.resolve("classes/demo"));
        Files.createDirectories(plugin.resolve("lib"));
        jar(plugin.resolve("lib/own.jar"), "demo/Own.class");
        assertEquals(Optional.empty(), ApiClassCheck.bundledApiClass(plugin));
    }

    private static void jar(Path file, String entry) throws Exception {
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry(entry));
            zip.write(new byte[] {(byte) 0xca, (byte) 0xfe});
            zip.closeEntry();
        }
    }
}
