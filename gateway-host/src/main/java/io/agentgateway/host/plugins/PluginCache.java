package io.agentgateway.host.plugins;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The private copies plugins are loaded from: the file in the plugins folder may be overwritten, moved or deleted at
 * any time, while a class loader reads its jar lazily for as long as the plugin runs. Each copy is made read-only
 * once loaded ({@link #seal}), so nothing of the gateway's own changes it either.
 */
final class PluginCache {

    private PluginCache() {
    }

    /** Copies {@code source} (a jar, a zip or a plugin folder) into the new folder {@code target}, keeping its name. */
    static void copy(Path source, Path target) throws IOException {
        Files.createDirectories(target);
        Path copy = target.resolve(source.getFileName().toString());
        if (!Files.isDirectory(source)) {
            Files.copy(source, copy, StandardCopyOption.REPLACE_EXISTING);
            return;
        }
        try (Stream<Path> walk = Files.walk(source)) {
            for (Path path : walk.toList()) {
                Path to = copy.resolve(source.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(path, to, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** Makes every file and folder under {@code folder} read-only. */
    static void seal(Path folder) {
        try (Stream<Path> walk = Files.walk(folder)) {
            walk.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().setWritable(false, false));
        } catch (IOException e) {
            // Sealing is a second line of defence: the copy is private to the gateway either way.
        }
    }

    /** Deletes {@code folder} and everything in it, sealed or not. */
    static void delete(Path folder) {
        if (folder == null || !Files.exists(folder)) {
            return;
        }
        try {
            Files.walkFileTree(folder, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    dir.toFile().setWritable(true, true);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // A leftover copy is removed when the gateway next starts (empty()).
        }
    }

    /** Empties {@code root}, creating it when missing. */
    static void empty(Path root) {
        try {
            if (Files.exists(root)) {
                try (Stream<Path> children = Files.list(root)) {
                    children.forEach(PluginCache::delete);
                }
            }
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the plugin cache " + root, e);
        }
    }
}
