package io.agentgateway.host.plugins;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginRuntimeException;

/**
 * Gives each plugin a class loader of its own over its jar, or over {@code classes/} and {@code lib/*.jar} of an
 * expanded plugin zip. Its parent shares only the API with the host, so parent-first delegation is plugin-only for
 * everything but the JDK and the API, and a plugin that wrongly bundles API classes still gets the host's.
 */
final class IsolatingPluginLoader implements org.pf4j.PluginLoader {

    private final ClassLoader sharedApi;

    IsolatingPluginLoader(ClassLoader sharedApi) {
        this.sharedApi = requireNonNull(sharedApi, "sharedApi is null");
    }

    @Override
    public boolean isApplicable(Path pluginPath) {
        return Files.isDirectory(pluginPath) || pluginPath.getFileName().toString().endsWith(".jar");
    }

    @Override
    public ClassLoader loadPlugin(Path pluginPath, PluginDescriptor descriptor) {
        List<URL> urls = new ArrayList<>();
        if (Files.isDirectory(pluginPath)) {
            Path classes = pluginPath.resolve("classes");
            if (Files.isDirectory(classes)) {
                urls.add(url(classes));
            }
            urls.addAll(jars(pluginPath.resolve("lib")));
        } else {
            urls.add(url(pluginPath));
        }
        return new PluginClassLoader(descriptor.getPluginId(), urls.toArray(URL[]::new), sharedApi);
    }

    private static List<URL> jars(Path lib) {
        if (!Files.isDirectory(lib)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(lib)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".jar"))
                    .sorted()
                    .map(IsolatingPluginLoader::url)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + lib, e);
        }
    }

    private static URL url(Path path) {
        try {
            return path.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new PluginRuntimeException(e, "cannot turn {} into a URL", path);
        }
    }
}
