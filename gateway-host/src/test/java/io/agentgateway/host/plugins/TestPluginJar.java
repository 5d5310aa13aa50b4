package io.agentgateway.host.plugins;

import io.agentgateway.api.GatewayPlugin;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Writes real plugin jars and zips, laid out as the plugins build lays them out. */
final class TestPluginJar {

    private final Map<String, String> manifest = new LinkedHashMap<>();
    private final Map<String, byte[]> entries = new LinkedHashMap<>();

    private TestPluginJar(String id) {
        manifest.put("Plugin-Id", id);
        manifest.put("Plugin-Version", "1.0.0");
        manifest.put("Plugin-Requires", ">=1.0.0 & <2.0.0");
    }

    /** A plugin with id {@code id}, version 1.0.0, for API {@code >=1.0.0 & <2.0.0}, and no classes yet. */
    static TestPluginJar plugin(String id) {
        return new TestPluginJar(id);
    }

    TestPluginJar manifest(String name, String value) {
        if (value == null) {
            manifest.remove(name);
        } else {
            manifest.put(name, value);
        }
        return this;
    }

    /** Adds a compiled class of {@link TestPlugins}. */
    TestPluginJar withClass(String className) {
        String path = className.replace('.', '/') + ".class";
        try (var files = Files.list(TestPlugins.classes().resolve(path).getParent())) {
            String prefix = className.substring(className.lastIndexOf('.') + 1);
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (name.equals(prefix + ".class") || name.startsWith(prefix + "$")) {
                    entries.put(path.substring(0, path.lastIndexOf('/') + 1) + name, Files.readAllBytes(file));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Adds a class and names it as the plugin's GatewayPlugin service. */
    TestPluginJar withService(String className) {
        withClass(className);
        return entry("META-INF/services/" + GatewayPlugin.class.getName(), className + "\n");
    }

    TestPluginJar entry(String name, String text) {
        return entry(name, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    TestPluginJar entry(String name, byte[] bytes) {
        entries.put(name, bytes);
        return this;
    }

    /** Writes a plugin jar. */
    Path writeJar(Path file) {
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out, manifest())) {
            for (var entry : entries.entrySet()) {
                jar.putNextEntry(new ZipEntry(entry.getKey()));
                jar.write(entry.getValue());
                jar.closeEntry();
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a plugin zip: this plugin's entries under {@code classes/}, each given jar under {@code lib/}. */
    Path writeZip(Path file, Path... libJars) {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(new ZipEntry("classes/META-INF/MANIFEST.MF"));
            manifest().write(zip);
            zip.closeEntry();
            for (var entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry("classes/" + entry.getKey()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
            for (Path lib : libJars) {
                zip.putNextEntry(new ZipEntry("lib/" + lib.getFileName()));
                zip.write(Files.readAllBytes(lib));
                zip.closeEntry();
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Manifest manifest() {
        Manifest result = new Manifest();
        result.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.forEach((name, value) -> result.getMainAttributes().putValue(name, value));
        return result;
    }
}
