package io.agentgateway.host.plugins;

import static java.util.Objects.requireNonNull;

import io.agentgateway.api.ApiVersion;
import io.agentgateway.api.GatewayPlugin;
import io.agentgateway.host.security.PluginRules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.pf4j.BasePluginRepository;
import org.pf4j.CompoundPluginRepository;
import org.pf4j.DefaultPluginManager;
import org.pf4j.JarPluginRepository;
import org.pf4j.ManifestPluginDescriptorFinder;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginDescriptorFinder;
import org.pf4j.PluginFactory;
import org.pf4j.PluginLoader;
import org.pf4j.PluginRepository;
import org.pf4j.PluginStatusProvider;
import org.pf4j.PluginWrapper;
import org.pf4j.RuntimeMode;
import org.pf4j.util.AndFileFilter;
import org.pf4j.util.DirectoryFileFilter;
import org.pf4j.util.FileUtils;
import org.pf4j.util.HiddenFilter;
import org.pf4j.util.NotFileFilter;

/**
 * PF4J, set up for the gateway: plugin jars and expanded plugin zips, manifest descriptors, class loaders that share
 * only the API, entry points found with ServiceLoader. Every plugin it refuses before loading is kept with its reason
 * in {@link #refused()} instead of only being logged, so the gateway can show it.
 */
final class GatewayPluginManager extends DefaultPluginManager {

    // Assigned after super(): the create* factories run inside PF4J's constructor and must not need it.
    private final PluginRules rules;
    private final List<FoundPlugin> refused = new ArrayList<>();
    private final Map<Path, String> zipDigests = new HashMap<>();
    private final Map<String, String> digests = new HashMap<>();
    private final Map<Path, String> pathDigests = new HashMap<>();
    private final PluginCache.Hasher hasher;

    /** @param hasher how a plugin file's SHA-256 is learnt (read from its bytes, or already known) */
    GatewayPluginManager(Path pluginsDir, PluginRules rules, PluginCache.Hasher hasher) {
        super(requireNonNull(pluginsDir, "pluginsDir is null"));
        this.rules = requireNonNull(rules, "rules is null");
        this.hasher = requireNonNull(hasher, "hasher is null");
        setSystemVersion(ApiVersion.CURRENT);
    }

    /** @return the plugins refused before a class loader was made for them, in the order they were met */
    List<FoundPlugin> refused() {
        return List.copyOf(refused);
    }

    /** Expands each {@code *.zip} next to itself (again only when the zip is newer); a corrupt zip is refused. */
    void expandZips() {
        try (Stream<Path> files = Files.list(getPluginsRoot())) {
            for (Path zip : files.filter(FileUtils::isZipFile).sorted().toList()) {
                try {
                    Path expanded = FileUtils.expandIfZip(zip);
                    zipDigests.put(expanded.toAbsolutePath().normalize(), hasher.sha256(zip));
                    if (!Files.isDirectory(expanded)) {
                        refuse(fileName(zip), null, PluginState.INVALID, "cannot expand: the zip holds no entries",
                                zip);
                    }
                } catch (IOException | RuntimeException e) {
                    deleteHalfExpanded(expansionOf(zip));
                    refuse(fileName(zip), null, PluginState.INVALID, "cannot expand: " + Causes.describe(e), zip);
                }
            }
        } catch (IOException e) {
            // A missing or unreadable folder means no plugins; PF4J reports it when it looks for them.
        }
    }

    @Override
    protected PluginWrapper loadPluginFromPath(Path pluginPath) {
        PluginDescriptor descriptor;
        try {
            descriptor = getPluginDescriptorFinder().find(pluginPath);
        } catch (RuntimeException e) {
            refuse(fileName(pluginPath), null, PluginState.INVALID, Causes.describe(e), pluginPath);
            return null;
        }
        String id = descriptor.getPluginId();
        String version = descriptor.getVersion();
        if (id == null || id.isBlank() || version == null || version.isBlank()) {
            refuse(fileName(pluginPath), null, PluginState.INVALID,
                    "the manifest needs Plugin-Id and Plugin-Version entries", pluginPath);
            return null;
        }
        Optional<String> badId = PluginIds.problem(id);
        if (badId.isPresent()) {
            refuse(PluginIds.visible(id), version, PluginState.INVALID, badId.get(), pluginPath);
            return null;
        }
        Optional<String> blocked = rules.blockReason(id);
        if (blocked.isPresent()) {
            refuse(id, version, PluginState.BLOCKED, blocked.get(), pluginPath);
            return null;
        }
        String sha256;
        try {
            sha256 = digestOf(pluginPath);
        } catch (IOException e) {
            refuse(id, version, PluginState.INVALID, "cannot read it: " + Causes.describe(e), pluginPath);
            return null;
        }
        pathDigests.put(pluginPath, sha256);
        Optional<String> pinMismatch = rules.pinMismatch(id, sha256);
        if (pinMismatch.isPresent()) {
            refuse(id, version, PluginState.BLOCKED, pinMismatch.get(), pluginPath);
            return null;
        }
        if (!descriptor.getDependencies().isEmpty()) {
            refuse(id, version, PluginState.INVALID, "Plugin-Dependencies is not supported: plugins share "
                    + "nothing but the gateway API", pluginPath);
            return null;
        }
        String requires = descriptor.getRequires();
        if (requires == null || requires.isBlank() || requires.strip().equals("*")) {
            // PF4J reads a missing Plugin-Requires as '*': a plugin would then load into any API version.
            refuse(id, version, PluginState.INVALID, "the manifest needs a Plugin-Requires entry naming the"
                    + " gateway API versions it was built for: add 'Plugin-Requires: >=" + getSystemVersion()
                    + " & <" + nextMajor(getSystemVersion()) + "' (the plugin parent pom writes it from"
                    + " plugin.requires)", pluginPath);
            return null;
        }
        Optional<String> apiClasses = ApiClassCheck.bundledApiClass(pluginPath);
        if (apiClasses.isPresent()) {
            refuse(id, version, PluginState.INVALID, "it bundles classes of the gateway API ("
                    + apiClasses.get() + "): the host provides them; build it with gateway-api in 'provided'"
                    + " scope", pluginPath);
            return null;
        }
        digests.put(id, sha256);
        try {
            if (!getVersionManager().checkVersionConstraint(getSystemVersion(), requires)) {
                refuse(id, version, PluginState.INCOMPATIBLE, "needs gateway API " + requires
                        + ", this gateway has API " + getSystemVersion(), pluginPath);
                return null;
            }
        } catch (RuntimeException e) {
            refuse(id, version, PluginState.INVALID, "Plugin-Requires '" + requires
                    + "' is not a version range: " + Causes.describe(e), pluginPath);
            return null;
        }
        PluginWrapper first = getPlugin(id);
        if (first != null) {
            refuse(id, version, PluginState.DUPLICATE, "plugin id already taken by "
                    + fileName(first.getPluginPath()), pluginPath);
            return null;
        }
        try {
            return super.loadPluginFromPath(pluginPath);
        } catch (RuntimeException e) {
            refuse(id, version, PluginState.INVALID, Causes.describe(e), pluginPath);
            return null;
        }
    }

    /** @return the SHA-256 the plugin at {@code path} is known by: its zip's when it is an expanded zip */
    private String digestOf(Path path) throws IOException {
        String zipDigest = zipDigests.get(path.toAbsolutePath().normalize());
        return zipDigest != null ? zipDigest : hasher.sha256(path);
    }

    /** @return the SHA-256 of each loaded plugin's file, by plugin id */
    Map<String, String> digests() {
        return Map.copyOf(digests);
    }

    private static String nextMajor(String version) {
        String major = version.split("\\.", 2)[0];
        try {
            return (Integer.parseInt(major) + 1) + ".0.0";
        } catch (NumberFormatException e) {
            return "2.0.0";
        }
    }

    /** Keeps a plugin refused before loading; the caller then returns null, PF4J's "nothing loaded". */
    private void refuse(String id, String version, PluginState state, String error, Path path) {
        // Messages name files relative to the plugins folder: shorter, and they do not expose the server's layout.
        String relative = error.replace(getPluginsRoot().toAbsolutePath() + path.getFileSystem().getSeparator(), "");
        refused.add(new FoundPlugin(id, version, state, relative, null, null, fileName(path), pathDigests.get(path),
                null, null));
    }

    static String fileName(Path path) {
        return path.getFileName().toString();
    }

    private static void deleteHalfExpanded(Path folder) {
        try {
            if (Files.exists(folder)) {
                FileUtils.delete(folder);
            }
        } catch (IOException e) {
            // It would be refused as a plugin folder without a manifest, with its own message.
        }
    }

    private static Path expansionOf(Path zip) {
        String name = fileName(zip);
        return zip.resolveSibling(name.substring(0, name.lastIndexOf('.')));
    }

    @Override
    public RuntimeMode getRuntimeMode() {
        // PF4J's development mode (a system property) would look for plugins elsewhere; the gateway has one mode.
        return RuntimeMode.DEPLOYMENT;
    }

    @Override
    protected PluginRepository createPluginRepository() {
        // Plugin jars and plugin folders; zips are expanded by expandZips() so that a bad zip is reported.
        AndFileFilter folders = new AndFileFilter(new DirectoryFileFilter());
        folders.addFileFilter(new NotFileFilter(new HiddenFilter()));
        return new CompoundPluginRepository()
                .add(new JarPluginRepository(getPluginsRoots()))
                .add(new BasePluginRepository(getPluginsRoots(), folders));
    }

    @Override
    protected PluginDescriptorFinder createPluginDescriptorFinder() {
        return new ManifestPluginDescriptorFinder();
    }

    @Override
    protected PluginLoader createPluginLoader() {
        return new IsolatingPluginLoader(new SharedApiClassLoader(GatewayPlugin.class.getClassLoader()));
    }

    @Override
    protected PluginFactory createPluginFactory() {
        return ServiceLoaderPlugin::new;
    }

    @Override
    protected PluginStatusProvider createPluginStatusProvider() {
        // Allow/deny is decided by PluginRules before loading; PF4J's enabled.txt/disabled.txt play no part.
        return new PluginStatusProvider() {
            @Override
            public boolean isPluginDisabled(String pluginId) {
                return false;
            }

            @Override
            public void disablePlugin(String pluginId) {
            }

            @Override
            public void enablePlugin(String pluginId) {
            }
        };
    }
}
