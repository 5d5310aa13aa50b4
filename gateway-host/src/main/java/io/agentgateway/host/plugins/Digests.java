package io.agentgateway.host.plugins;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/** SHA-256 of what a plugin was loaded from: the bytes of a jar or zip, the files of a plugin folder. */
final class Digests {

    private Digests() {
    }

    /**
     * @return the lower-case hex SHA-256 of {@code path}'s bytes; for a folder, of each regular file's path relative
     *     to it and its bytes, in path order (so the same tree always gives the same digest)
     */
    static String sha256(Path path) throws IOException {
        MessageDigest digest = newDigest();
        if (Files.isDirectory(path)) {
            List<Path> files;
            try (Stream<Path> walk = Files.walk(path)) {
                files = walk.filter(Files::isRegularFile).sorted().toList();
            }
            for (Path file : files) {
                digest.update(path.relativize(file).toString().replace('\\', '/').getBytes(
                        java.nio.charset.StandardCharsets.UTF_8));
                digest.update((byte) 0);
                update(digest, file);
            }
        } else {
            update(digest, path);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void update(MessageDigest digest, Path file) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
