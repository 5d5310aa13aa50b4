package io.agentgateway.host.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file far larger than any config file is refused before it is read, naming the file. */
class YamlFileSizeTest {

    @TempDir
    Path dir;

    @Test
    void aFileLargerThanTheLimitIsRefusedUnread() throws Exception {
        Path huge = dir.resolve("agents.yaml");
        try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
            file.setLength(YamlFiles.MAX_BYTES + 1); // sparse: no disk space, no time
        }
        ConfigException e = assertThrows(ConfigException.class, () -> YamlFiles.load(huge, name -> null));
        assertTrue(e.getMessage().startsWith(huge + " is larger than 16 MiB"), e.getMessage());
    }

    @Test
    void aFileAtTheLimitIsRead() throws Exception {
        Path large = dir.resolve("tools.yaml");
        Files.writeString(large, "tools: []\n");
        // Padded with comment lines to exactly the limit: one byte less than what is refused.
        try (RandomAccessFile file = new RandomAccessFile(large.toFile(), "rw")) {
            file.seek(file.length());
            byte[] line = ("#".repeat(1023) + "\n").getBytes();
            while (file.length() + line.length <= YamlFiles.MAX_BYTES) {
                file.write(line);
            }
            file.write("#".repeat((int) (YamlFiles.MAX_BYTES - file.length())).getBytes());
        }
        assertEquals(YamlFiles.MAX_BYTES, Files.size(large));
        assertEquals(Map.of("tools", java.util.List.of()), YamlFiles.load(large, name -> null));
    }
}
