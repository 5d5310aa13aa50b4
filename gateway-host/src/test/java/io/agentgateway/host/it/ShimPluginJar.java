package io.agentgateway.host.it;

import io.agentgateway.api.ApiVersion;
import io.agentgateway.api.GatewayPlugin;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Packs one test plugin class into a plugin jar as the build packs shipped plugins: manifest plus service file. */
final class ShimPluginJar {

    private ShimPluginJar() {
    }

    static Path write(Path dir, String pluginId, Class<? extends GatewayPlugin> pluginClass) throws IOException {
        Manifest manifest = new Manifest();
        Attributes attributes = manifest.getMainAttributes();
        attributes.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        attributes.putValue("Plugin-Id", pluginId);
        attributes.putValue("Plugin-Version", "1.0.0");
        attributes.putValue("Plugin-Requires", ">=" + ApiVersion.CURRENT + " & <2.0.0");
        attributes.putValue("Plugin-Description", "test plugin " + pluginClass.getSimpleName());
        Path jar = dir.resolve(pluginId + ".jar");
        String classFile = pluginClass.getName().replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(jar);
             JarOutputStream out = new JarOutputStream(file, manifest);
             InputStream bytes = pluginClass.getClassLoader().getResourceAsStream(classFile)) {
            if (bytes == null) {
                throw new IllegalStateException(classFile + " is not on the test class path");
            }
            out.putNextEntry(new JarEntry("META-INF/services/" + GatewayPlugin.class.getName()));
            out.write((pluginClass.getName() + "\n").getBytes(StandardCharsets.UTF_8));
            out.putNextEntry(new JarEntry(classFile));
            bytes.transferTo(out);
        }
        return jar;
    }
}
