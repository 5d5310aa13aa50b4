package io.agentgateway.host.plugins;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * What each plugin file hashed to, remembered with its {@link FileStamp} and kept in a file between starts, so that
 * a plugin file whose stamp did not change is not read again to learn its SHA-256. Plugin folders are not
 * remembered: a folder's stamp says nothing of the files in it. Any difference in the stamp means hashing again.
 */
final class KnownDigests {

    /** The file the digests are kept in, in the plugin cache's folder. */
    static final String FILE = "digests.tsv";

    private record Known(FileStamp stamp, String sha) {
    }

    private final Path file;
    private final Map<Path, Known> known = new ConcurrentHashMap<>();
    private volatile boolean unsaved;

    private KnownDigests(Path file) {
        this.file = file;
    }

    /** @return the digests kept in {@code folder}'s {@value #FILE}; none when it is missing or unreadable */
    static KnownDigests readFrom(Path folder) {
        KnownDigests digests = new KnownDigests(folder.resolve(FILE));
        List<String> lines;
        try {
            lines = Files.readAllLines(digests.file);
        } catch (IOException e) {
            return digests; // nothing remembered: every file is hashed
        }
        for (String line : lines) {
            String[] fields = line.split("\t", 3);
            try {
                digests.known.put(Path.of(fields[2]), new Known(FileStamp.parse(fields[1]), fields[0]));
            } catch (RuntimeException e) {
                // A line not written by this version, or cut short: that file is hashed again.
            }
        }
        return digests;
    }

    /** @return the SHA-256 remembered for {@code source}, if it was remembered with exactly {@code stamp} */
    Optional<String> digest(Path source, FileStamp stamp) {
        Known remembered = known.get(key(source));
        return remembered != null && remembered.stamp().equals(stamp) ? Optional.of(remembered.sha())
                : Optional.empty();
    }

    /** Remembers that {@code source}, as {@code stamp} describes it, hashes to {@code sha}. */
    void remember(Path source, FileStamp stamp, String sha) {
        known.put(key(source), new Known(requireNonNull(stamp, "stamp is null"), requireNonNull(sha, "sha is null")));
        unsaved = true;
    }

    /** Forgets every file but {@code sources}. */
    void keepOnly(Collection<Path> sources) {
        Set<Path> kept = sources.stream().map(KnownDigests::key).collect(Collectors.toSet());
        if (known.keySet().retainAll(kept)) {
            unsaved = true;
        }
    }

    /**
     * Writes what changed since the last save, whole or not at all (a temporary file renamed over the old one). A
     * file that cannot be written costs only the hashing it would have saved.
     */
    void save() {
        if (!unsaved) {
            return;
        }
        unsaved = false;
        StringBuilder text = new StringBuilder();
        known.forEach((source, remembered) -> text.append(remembered.sha()).append('\t')
                .append(remembered.stamp()).append('\t').append(source).append('\n'));
        Path written = file.resolveSibling(FILE + ".new");
        try {
            Files.writeString(written, text);
            Files.move(written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            unsaved = true;
        }
    }

    private static Path key(Path source) {
        return source.toAbsolutePath().normalize();
    }
}
