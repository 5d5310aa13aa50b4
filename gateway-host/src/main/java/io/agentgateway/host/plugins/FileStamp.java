package io.agentgateway.host.plugins;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.TimeUnit;

/**
 * What tells, without reading it, that a file is the one seen before: its size, last-modified time, identity (device
 * and inode where the system has them) and, on Unix, its ctime, the time its content or attributes last changed, which
 * no user can set back. A file rewritten or replaced differs in at least one of them, the way git's index notices a
 * changed file.
 *
 * @param size in bytes
 * @param modified last-modified time, in nanoseconds
 * @param changed ctime in nanoseconds, -1 where the file system does not tell
 * @param key the file's identity as the system gives it, "-" when it gives none
 */
record FileStamp(long size, long modified, long changed, String key) {

    /** The stamp of a plugin that is not there (any more). */
    static final FileStamp NONE = new FileStamp(-1, -1, -1, "-");

    /**
     * @return the stamp of the regular file {@code path}, or of the file it links to: a plugin mounted from a
     *     Kubernetes ConfigMap or Secret is a link whose target is swapped, and only the target's stamp changes then
     */
    static FileStamp of(Path path) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
        Object key = attributes.fileKey();
        return new FileStamp(attributes.size(), nanos(attributes.lastModifiedTime()), changed(path),
                key == null ? "-" : key.toString());
    }

    /**
     * @return the stamp of a plugin folder: the bytes of its files and the newest change among them; it has no identity
     *     of its own that tells its content
     */
    static FileStamp ofFolder(long size, FileTime newestChange) {
        return new FileStamp(size, nanos(newestChange), -1, "-");
    }

    private static long changed(Path path) throws IOException {
        try {
            return nanos((FileTime) Files.getAttribute(path, "unix:ctime"));
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return -1; // not a Unix file system: size, mtime and identity only
        }
    }

    private static long nanos(FileTime time) {
        return time.to(TimeUnit.NANOSECONDS);
    }

    /** @return the stamp written by {@link #toString()} */
    static FileStamp parse(String text) {
        String[] fields = text.split(" ", 4);
        return new FileStamp(Long.parseLong(fields[0]), Long.parseLong(fields[1]), Long.parseLong(fields[2]),
                fields[3]);
    }

    /** @return the fields, separated by spaces */
    @Override
    public String toString() {
        return size + " " + modified + " " + changed + " " + key;
    }
}
