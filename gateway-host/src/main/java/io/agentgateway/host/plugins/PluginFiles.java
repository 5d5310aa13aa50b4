package io.agentgateway.host.plugins;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** What the plugins folder holds, as {@link LivePlugins} looks at it: the plugin files and their stamps. */
final class PluginFiles {

    private PluginFiles() {
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

    /**
     * @return the stamp of a plugin file ({@link FileStamp#of}), of a plugin folder (its files' bytes and its newest
     *     change), or {@link FileStamp#NONE} for a plugin gone: one whose stamp did not change between two looks has
     *     stopped changing
     */
    static FileStamp stamp(Path path) {
        try {
            if (!Files.isDirectory(path)) {
                return FileStamp.of(path);
            }
            long size = 0;
            FileTime modified = Files.getLastModifiedTime(path);
            try (Stream<Path> walk = Files.walk(path)) {
                for (Path file : walk.toList()) {
                    size += Files.isRegularFile(file) ? Files.size(file) : 0;
                    FileTime fileModified = Files.getLastModifiedTime(file);
                    modified = fileModified.compareTo(modified) > 0 ? fileModified : modified;
                }
            }
            return FileStamp.ofFolder(size, modified);
        } catch (IOException e) {
            return FileStamp.NONE;
        }
    }

    private static String name(Path path) {
        return path.getFileName().toString();
    }
}
