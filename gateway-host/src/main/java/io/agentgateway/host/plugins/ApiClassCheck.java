package io.agentgateway.host.plugins;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Finds classes of the gateway API inside a plugin. The host always gives a plugin its own API classes, so a bundled
 * copy is never used; but it means the plugin was built against an API jar of its own choosing, which is refused
 * rather than left to fail later with a confusing linkage error.
 */
final class ApiClassCheck {

    private static final String API_PATH = SharedApiClassLoader.API_PACKAGE_PREFIX.replace('.', '/');

    private ApiClassCheck() {
    }

    /**
     * @param plugin a plugin jar, or a plugin folder ({@code classes/}, {@code lib/*.jar})
     * @return the first API class entry found, with the jar it was found in, or empty when there is none
     */
    static Optional<String> bundledApiClass(Path plugin) {
        try {
            if (!Files.isDirectory(plugin)) {
                return inJar(plugin);
            }
            Path classes = plugin.resolve("classes").resolve(API_PATH);
            if (Files.isDirectory(classes)) {
                return Optional.of("classes/" + API_PATH);
            }
            Path lib = plugin.resolve("lib");
            if (Files.isDirectory(lib)) {
                List<Path> jars;
                try (Stream<Path> files = Files.list(lib)) {
                    jars = files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList();
                }
                for (Path jar : jars) {
                    Optional<String> found = inJar(jar);
                    if (found.isPresent()) {
                        return Optional.of("lib/" + jar.getFileName() + ": " + found.get());
                    }
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            // An unreadable jar is reported by the loading that follows, with its own message.
            return Optional.empty();
        }
    }

    private static Optional<String> inJar(Path jar) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return zip.stream().map(ZipEntry::getName).filter(name -> name.startsWith(API_PATH)
                    && name.endsWith(".class")).findFirst();
        }
    }
}
