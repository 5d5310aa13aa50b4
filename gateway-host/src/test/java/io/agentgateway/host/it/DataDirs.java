package io.agentgateway.host.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The data folders of the gateways a test starts. Each holds the gateway's database and its plugin cache, which is kept
 * between starts and with the shipped plugins takes about 400 MB, so a folder is removed when its gateway stops:
 * left until the test JVM exits, the suite's gateways would fill the disk.
 */
final class DataDirs {

    private DataDirs() {
    }

    /** @return a new, empty folder for one gateway's data */
    static Path fresh() {
        try {
            return Files.createTempDirectory("gateway-data");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes {@code dir} and everything in it, the plugin cache's read-only copies included. */
    static void remove(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path folder, BasicFileAttributes attributes) {
                    folder.toFile().setWritable(true, true); // sealed copies: their folders are read-only
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path folder, IOException e) throws IOException {
                    Files.delete(folder);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the gateway's data folder " + dir, e);
        }
    }
}
