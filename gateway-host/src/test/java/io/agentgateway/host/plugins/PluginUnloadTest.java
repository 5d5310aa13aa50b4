package io.agentgateway.host.plugins;

import static io.agentgateway.host.plugins.TestPluginJar.plugin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgateway.api.upstream.Upstream;
import io.agentgateway.api.upstream.UpstreamSettings;
import io.agentgateway.host.security.PluginRules;
import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin replaced 100 times, each version called through the live provider before the next replaces it: every
 * replaced version's class loader is collected, and metaspace does not grow with the number of replacements. Takes
 * 20 to 40 s on a busy 2-core machine (each version is copied, checked and loaded as a real drop-in is).
 */
class PluginUnloadTest {

    @TempDir
    Path dir;

    @Test
    void replacedVersionsAreCollectedAndMetaspaceStaysFlat() throws Exception {
        Path dist = Files.createDirectories(dir.resolve("dist"));
        LiveProviders providers = new LiveProviders();
        LivePlugins live = new LivePlugins(dist, dir.resolve("cache"), () -> new PluginRules(List.of("*"), List.of()),
                state -> { }, Duration.ofSeconds(10));
        live.listen(new LivePlugins.Listener() {
            public void started(FoundPlugin plugin) {
                plugin.call(() -> plugin.plugin().upstreamProviders(PluginFolderTest.NO_CONTEXT))
                        .forEach(offered -> providers.bind(plugin, offered));
            }

            public void removed(FoundPlugin plugin) {
                providers.unbind(plugin);
            }

            public void drained(FoundPlugin plugin) {
                providers.forget(plugin);
            }
        });
        live.load();
        Upstream upstream = providers.provider("versioned").open(new UpstreamSettings("v", "", null,
                Duration.ofSeconds(5), List.of(), Map.of()));
        List<WeakReference<ClassLoader>> replaced = new ArrayList<>();
        long metaspaceAfterWarmUp = 0;
        for (int n = 1; n <= 100; n++) {
            plugin("versioned").manifest("Plugin-Version", "1.0." + n).withService(TestPlugins.VERSIONED)
                    .entry("version.txt", "v" + n).writeJar(dist.resolve("versioned.jar"));
            FoundPlugin current = live.reload().getFirst();
            assertEquals("1.0." + n, current.version(), current::toString);
            try (PluginLeases.Scope scope = PluginLeases.open()) {
                assertEquals("provider v" + n, TestPlugins.answer(upstream));
            }
            if (n > 10) {
                replaced.add(new WeakReference<>(current.loader()));
            }
            current = null;
            if (n == 10) {
                live.awaitUnloaded(Duration.ofSeconds(30));
                metaspaceAfterWarmUp = metaspaceAfterGc();
            }
        }
        live.awaitUnloaded(Duration.ofSeconds(30));
        replaced.removeLast(); // the version still running
        long metaspaceAfter = metaspaceAfterGc();
        long alive = replaced.stream().filter(ref -> ref.get() != null).count();
        for (int i = 0; i < 20 && alive > 0; i++) {
            System.gc();
            Thread.sleep(100);
            alive = replaced.stream().filter(ref -> ref.get() != null).count();
        }
        List<Integer> reachable = new ArrayList<>();
        for (int i = 0; i < replaced.size(); i++) {
            if (replaced.get(i).get() != null) {
                reachable.add(i + 11);
            }
        }
        assertEquals(List.of(), reachable, "versions whose class loaders are still reachable");
        long growth = metaspaceAfter - metaspaceAfterWarmUp;
        System.out.println("metaspace after 10 versions " + metaspaceAfterWarmUp / 1024 + " KiB, after 100 "
                + metaspaceAfter / 1024 + " KiB, growth " + growth / 1024 + " KiB over 90 replacements");
        // Every loader was collected (above); this says their classes went with them. The JIT and the JDK's own
        // caches move metaspace by a few hundred KiB in a run; 90 kept versions would add several MiB.
        assertTrue(growth < 2 * 1024 * 1024, "metaspace grew by " + growth / 1024 + " KiB over 90 replacements");
        upstream.close();
        live.close();
    }

    private static long metaspaceAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getName().equals("Metaspace"))
                .mapToLong(pool -> pool.getUsage().getUsed()).sum();
    }

}
