package io.agentgateway.host.it;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the checkout is, so tests find plugins-dist/ and the mock upstream the reactor built. */
final class Repository {

    private Repository() {
    }

    static Path root() {
        String configured = System.getProperty("gateway.root");
        Path start = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath();
        for (Path dir = start.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("plugins-dist")) && Files.isRegularFile(dir.resolve("gateway"))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find the repository root above " + start);
    }

    static Path pluginsDist() {
        return root().resolve("plugins-dist");
    }
}
