package io.agentgateway.host.plugins;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** What the plugins folder holds, as {@link LivePlugins} looks at it: the plugin files and their stamps. */
final class PluginFiles {

    private PluginFiles() {
    }

    /** Size and modification time: a file whose stamp did not change between two looks has stopped changing. */
    record Stamp(long size, long modified) {
    }

    /**
     * The plugin files of the folder, in name order. A folder next to a zip of the same name ({@code x/} and
     * {@code x.zip}) is taken for that zip's expansion, as earlier builds and PF4J left one, and skipped: loading it
     * too would hash and copy the same plugin twice to refuse one copy as a duplicate.
     */
    static List<Path> list(Path dist) {
        List<Path> all;
        try (Stream<Path> files = Files.list(dist)) {
            all = files.filter(PluginFiles::isPluginFile).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
        Set<String> names = new HashSet<>();
        all.forEach(path -> names.add(name(path)));
        return all.stream().filter(path -> !(Files.isDirectory(path) && names.contains(name(path) + ".zip"))).toList();
    }

    private static boolean isPluginFile(Path path) {
        String name = name(path);
        if (name.startsWith(".")) {
            return false;
        }
        return Files.isDirectory(path) || name.endsWith(".jar") || name.endsWith(".zip");
    }

    static Stamp stamp(Path path) {
        try {
            if (!Files.isDirectory(path)) {
                return new Stamp(Files.size(path), Files.getLastModifiedTime(path).toMillis());
            }
            long size = 0;
            long modified = Files.getLastModifiedTime(path).toMillis();
            try (Stream<Path> walk = Files.walk(path)) {
                for (Path file : walk.toList()) {
                    size += Files.isRegularFile(file) ? Files.size(file) : 0;
                    modified = Math.max(modified, Files.getLastModifiedTime(file).toMillis());
                }
            }
            return new Stamp(size, modified);
        } catch (IOException e) {
            return new Stamp(-1, -1);
        }
    }

    private static String name(Path path) {
        return path.getFileName().toString();
    }
}
