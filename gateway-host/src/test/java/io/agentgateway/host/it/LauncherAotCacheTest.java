package io.agentgateway.host.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./gateway jvm-options} on JDK 25+: the ahead-of-time cache is used while it fits the host's class path, the
 * JDK and the JVM options, and recorded again when one of those changed; a new or changed plugin leaves it in force.
 * Runs the real launcher script in a copy of the checkout's layout with empty jars.
 */
class LauncherAotCacheTest {

    @TempDir
    Path root;
    Path cache;
    Instant now = Instant.now();

    @BeforeEach
    void checkout() throws IOException {
        assumeTrue(Runtime.version().feature() >= 25, "the ahead-of-time cache needs JDK 25");
        Files.copy(Repository.root().resolve("gateway"), root.resolve("gateway"));
        root.resolve("gateway").toFile().setExecutable(true);
        Files.createDirectories(root.resolve("gateway-host/target/lib"));
        Files.createDirectories(root.resolve("plugins-dist"));
        Files.writeString(root.resolve("gateway-host/jvm.options"), "-Xmx512m\n");
        age(Files.writeString(root.resolve("gateway-host/target/gateway-host.jar"), "jar"));
        age(Files.writeString(root.resolve("gateway-host/target/lib/library.jar"), "jar"));
        age(root.resolve("gateway-host/target/lib"));
        age(Files.writeString(root.resolve("plugins-dist/demo.jar"), "plugin"));
        cache = root.resolve("gateway-host/target/gateway.aot");
    }

    @Test
    void aCacheIsRecordedOnceThenUsedAndKeptWhenPluginsChange() throws Exception {
        assertEquals("-XX:AOTCacheOutput=" + cache, cacheOption(Map.of()), "no cache yet: the run records one");
        recorded();
        assertEquals("-XX:AOTCache=" + cache, cacheOption(Map.of()));

        Files.writeString(root.resolve("plugins-dist/demo.jar"), "plugin, changed");
        Files.writeString(root.resolve("plugins-dist/new.jar"), "a new plugin");
        Files.setLastModifiedTime(root.resolve("plugins-dist"), FileTime.from(now.plusSeconds(60)));

        assertEquals("-XX:AOTCache=" + cache, cacheOption(Map.of()), "plugins do not invalidate the cache");
        assertEquals("-XX:AOTCache=" + cache, cacheOption(Map.of()));
    }

    @Test
    void aNewerHostJarOrLibraryMeansRecordingAgain() throws Exception {
        cacheOption(Map.of());
        recorded();
        Files.setLastModifiedTime(root.resolve("gateway-host/target/lib/library.jar"),
                FileTime.from(now.plusSeconds(60)));

        assertEquals("-XX:AOTCacheOutput=" + cache, cacheOption(Map.of()));
        assertFalse(Files.exists(cache), "the stale cache is removed before the run records a new one");
    }

    @Test
    void otherJvmOptionsMeanRecordingAgainAndThatCacheIsThenUsedWithThem() throws Exception {
        cacheOption(Map.of());
        recorded();
        Map<String, String> serial = Map.of("GATEWAY_JAVA_OPTS", "-XX:+UseSerialGC");

        assertEquals("-XX:AOTCacheOutput=" + cache, cacheOption(serial));
        recorded();
        assertEquals("-XX:AOTCache=" + cache, cacheOption(serial));

        Files.writeString(root.resolve("gateway-host/jvm.options"), "-Xmx256m\n");
        assertEquals("-XX:AOTCacheOutput=" + cache, cacheOption(serial), "jvm.options changed");
    }

    /** What a recording run leaves when it ends: the cache, newer than the jars. */
    private void recorded() throws IOException {
        Files.setLastModifiedTime(Files.writeString(cache, "cache"), FileTime.from(now));
    }

    private void age(Path path) throws IOException {
        Files.setLastModifiedTime(path, FileTime.from(now.minusSeconds(3600)));
    }

    /** @return the launcher's cache option (the line after jvm.options) */
    private String cacheOption(Map<String, String> env) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", root.resolve("gateway").toString(), "jvm-options")
                .redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().remove("GATEWAY_JAVA_OPTS");
        builder.environment().putAll(env);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(true, process.waitFor(60, TimeUnit.SECONDS), "launcher did not finish");
        assertEquals(0, process.exitValue(), out);
        List<String> lines = out.lines().toList();
        assertEquals("@" + root.resolve("gateway-host/jvm.options"), lines.getFirst(), out);
        assertEquals(2, lines.size(), out);
        return lines.get(1);
    }
}
