package io.agentgateway.host.plugins;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.pf4j.util.FileUtils;

/**
 * The private copies plugins are loaded from: the file in the plugins folder may be overwritten, moved or deleted at
 * any time, while a class loader reads its jar lazily for as long as the plugin runs. The copies are kept between
 * starts and named by their content, {@code <sha256>/}: a plugin already copied is neither copied, hashed nor
 * expanded again. Each is made in a folder of its own, hashed there (so the digest is that of the bytes loaded),
 * expanded when it is a zip, made read-only and listed in {@value #MARKER} (each file's size, times and identity),
 * then renamed into place in one step. An entry whose files no longer match that list, or that has none (a start cut
 * short), is made again.
 */
final class PluginCache {

    /** How a plugin file's SHA-256 is computed; tests count the calls. */
    @FunctionalInterface
    interface Hasher {
        String sha256(Path path) throws IOException;
    }

    /** What storing a file gave: its digest, and why it cannot be loaded when it cannot (null when it can). */
    record Stored(String sha, String problem) {
    }

    static final String MARKER = ".complete";
    private static final String NEW = ".new-";

    private final Path root;
    private final Hasher hasher;
    private final AtomicLong made = new AtomicLong();

    /** @param root the folder the entries live in, created when missing */
    PluginCache(Path root, Hasher hasher) {
        this.root = requireNonNull(root, "root is null");
        this.hasher = requireNonNull(hasher, "hasher is null");
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the plugin cache " + root, e);
        }
    }

    /** @return the folder holding the copy of the content {@code sha} */
    Path folder(String sha) {
        return root.resolve(sha);
    }

    /** @return whether the entry of {@code sha} is whole and its files are those it was sealed with */
    boolean complete(String sha) {
        Path folder = folder(sha);
        try {
            return Files.readString(folder.resolve(MARKER)).equals(listing(folder));
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }

    /**
     * Copies {@code source} (a jar, a zip or a plugin folder), hashes the copy and, unless an entry of that content
     * is already whole, puts it in place. A zip that cannot be expanded is not kept: its digest is returned with the
     * reason.
     */
    Stored store(Path source) throws IOException {
        Path building = root.resolve(NEW + ProcessHandle.current().pid() + "-" + made.incrementAndGet());
        try {
            copy(source, building);
            Path copy = building.resolve(source.getFileName().toString());
            String sha = hasher.sha256(copy);
            String expandProblem = expandIfZip(copy);
            if (expandProblem != null) {
                return new Stored(sha, "cannot expand: "
                        + expandProblem.replace(building + building.getFileSystem().getSeparator(), ""));
            }
            seal(building);
            putInPlace(building, sha);
            return new Stored(sha, null);
        } finally {
            delete(building);
        }
    }

    private synchronized void putInPlace(Path building, String sha) throws IOException {
        if (complete(sha)) {
            return; // the same content under another name, stored meanwhile
        }
        delete(folder(sha)); // left incomplete, or altered
        Files.move(building, folder(sha), StandardCopyOption.ATOMIC_MOVE);
    }

    /** @return why the zip {@code copy} cannot be expanded beside itself, null when it was (or is no zip) */
    private static String expandIfZip(Path copy) {
        if (!FileUtils.isZipFile(copy)) {
            return null;
        }
        try {
            Path expanded = FileUtils.expandIfZip(copy);
            return Files.isDirectory(expanded) ? null : "the zip holds no entries";
        } catch (IOException | RuntimeException e) {
            return Causes.describe(e);
        }
    }

    /** Deletes every entry and leftover but those of {@code kept}, and the files named in {@code keptFiles}. */
    void prune(Set<String> kept, Set<String> keptFiles) {
        try (Stream<Path> children = Files.list(root)) {
            for (Path child : children.toList()) {
                String name = child.getFileName().toString();
                if (!kept.contains(name) && !keptFiles.contains(name)) {
                    delete(child);
                }
            }
        } catch (IOException e) {
            // What is left is pruned at the next look.
        }
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

    /**
     * Makes every file under {@code folder} read-only, lists them in {@value #MARKER}, then makes the folders
     * read-only too. Files first: changing a file's permissions changes its ctime, which the list holds.
     */
    static void seal(Path folder) throws IOException {
        List<Path> all;
        try (Stream<Path> walk = Files.walk(folder)) {
            all = walk.sorted(Comparator.reverseOrder()).toList();
        }
        all.stream().filter(Files::isRegularFile).forEach(PluginCache::readOnly);
        Path marker = Files.writeString(folder.resolve(MARKER), listing(folder));
        readOnly(marker);
        all.stream().filter(Files::isDirectory).forEach(PluginCache::readOnly);
    }

    private static void readOnly(Path path) {
        // A second line of defence: the copy is private to the gateway either way.
        path.toFile().setWritable(false, false);
    }

    /** Each file under {@code folder} but the marker, with its size, times and identity, in path order. */
    static String listing(Path folder) throws IOException {
        StringBuilder out = new StringBuilder();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(Files::isRegularFile).filter(path -> !path.equals(folder.resolve(MARKER)))
                    .sorted().toList();
        }
        for (Path file : files) {
            out.append(folder.relativize(file).toString().replace('\\', '/')).append('\t')
                    .append(FileStamp.of(file)).append('\n');
        }
        return out.toString();
    }

    /** Deletes {@code folder} and everything in it, sealed or not. */
    static void delete(Path folder) {
        if (!Files.exists(folder)) {
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
            // A leftover is pruned at the next look.
        }
    }
}
