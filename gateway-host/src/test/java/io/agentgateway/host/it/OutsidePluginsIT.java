package io.agentgateway.host.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgateway.mock.MockUpstream;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an outside author does, end to end: the SDK installed by {@code ./gateway install-sdk} into a local repository
 * holding no artifact of the gateway's own, one project of each kind started by {@code ./gateway new-plugin} outside
 * the reactor, built with the testkit's tests, dropped into a gateway, listed and answering: the agent calls the tool
 * plugin's tool, through the outside provider, which streams.
 */
class OutsidePluginsIT {

    @TempDir
    Path work;

    @Test
    void aPluginOfEachKindFromTheStartingPointsLoadsAndAnswers() throws Exception {
        Path checkout = copyOfCheckout(work.resolve("agent-gateway"));
        Path repository = repositoryWithoutGatewayArtifacts(work.resolve("m2"));
        String localRepository = "-Dmaven.repo.local=" + repository;

        // Online, as an author's builds are: the sources and Javadoc plugins, and versions of the host's libraries
        // that an outside build settles on, may be new to the developer's repository.
        run(checkout, "./gateway", "install-sdk", localRepository);
        Path plugins = Files.createDirectories(work.resolve("plugins"));
        run(checkout, "./gateway", "new-plugin", "--kind", "tool", "--id", "it-tool", plugins.resolve("tool").toString());
        run(checkout, "./gateway", "new-plugin", "--kind", "agent", "--id", "it-agent", plugins.resolve("agent").toString());
        run(checkout, "./gateway", "new-plugin", "--kind", "upstream", "--id", "it-upstream",
                plugins.resolve("upstream").toString());
        // As an author would: give the agent the tool plugin's tool.
        Path agentSource = plugins.resolve("agent/src/main/java/com/example/itagent/ItAgentPlugin.java");
        Files.writeString(agentSource, Files.readString(agentSource)
                .replace("GATEWAY_TOOLS = List.of();", "GATEWAY_TOOLS = List.of(\"it_tool\");"));
        Files.writeString(plugins.resolve("pom.xml"), """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                    <modelVersion>4.0.0</modelVersion>
                    <groupId>com.example</groupId>
                    <artifactId>outside-plugins</artifactId>
                    <version>1</version>
                    <packaging>pom</packaging>
                    <modules><module>tool</module><module>agent</module><module>upstream</module></modules>
                </project>
                """);
        run(plugins, checkout.resolve("mvnw").toString(), "-B", "-q", "-ntp", "-T", "1C", localRepository, "package");

        Path dist = Files.createDirectories(work.resolve("plugins-dist"));
        for (String built : List.of("tool/target/it-tool.jar", "agent/target/it-agent.jar",
                "upstream/target/it-upstream.zip")) {
            Files.copy(plugins.resolve(built), dist.resolve(Path.of(built).getFileName()));
        }

        try (MockUpstream mock = MockUpstream.start(0, MockUpstream.Options.defaults());
             RunningGateway gateway = RunningGateway.start(Files.createDirectories(work.resolve("config")), """
                     upstreams:
                       - name: outside
                         provider: it-upstream
                         base_url: %s
                         timeout: 10
                     """.formatted(mock.baseUrl()), Map.of("GATEWAY_PLUGINS_DIR", dist.toString(),
                     "GATEWAY_DEFAULT_UPSTREAM", "outside", "GATEWAY_DEFAULT_MODEL", "agent-model"))) {
            String loaded = gateway.get("/plugins", RunningGateway.KEY).body();
            for (String id : List.of("it-tool", "it-agent", "it-upstream")) {
                assertTrue(loaded.matches("(?s).*\"id\":\"" + id + "\".*"), id + " in " + loaded);
            }
            String models = gateway.get("/v1/models", RunningGateway.KEY).body();
            assertTrue(models.contains("\"default/itagent\""), models);
            assertTrue(models.contains("\"outside/mock-model\""), models);

            mock.script("agent-model", """
                    {"responses":[
                      {"tool_calls":[{"function":{"name":"it_tool","arguments":{"text":"abc"}}}]},
                      {"content":"reversed it"}]}""");
            String answer = gateway.chat(RunningGateway.KEY,
                    "{\"model\":\"default/itagent\",\"messages\":[{\"role\":\"user\",\"content\":\"flip abc\"}]}")
                    .body();
            assertTrue(answer.contains("\"content\":\"reversed it\""), answer);
            List<Map<String, Object>> turns = mock.receivedBodies("agent-model");
            assertEquals(2, turns.size());
            assertTrue(turns.get(1).get("messages").toString().contains("content=cba"),
                    "the tool plugin's tool ran: " + turns.get(1).get("messages"));

            String stream = gateway.chat(RunningGateway.KEY,
                    "{\"model\":\"outside/mock-model\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                    .body();
            assertTrue(stream.contains("chat.completion.chunk") && stream.strip().endsWith("data: [DONE]"), stream);
        }
    }

    /**
     * The checkout as a fresh clone has it: sources only, without build output, shipped plugins or anything else the
     * SDK's build does not read (a separate copy, because installing rebuilds modules this build's tests run on).
     */
    private static Path copyOfCheckout(Path target) throws IOException {
        Path root = Repository.root();
        Set<String> skippedAnywhere = Set.of("target", "node_modules");
        Set<String> skippedAtTop = Set.of(".git", "plugins-dist", ".npm-cache", ".work", "docs", "config", "data");
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                String name = dir.equals(root) ? "" : dir.getFileName().toString();
                if (skippedAnywhere.contains(name) || dir.getParent().equals(root) && skippedAtTop.contains(name)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(target.resolve(root.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                if (attributes.isRegularFile()) {
                    Files.copy(file, target.resolve(root.relativize(file).toString()),
                            StandardCopyOption.COPY_ATTRIBUTES);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return target;
    }

    /**
     * The developer's repository as hard links (third-party artifacts only, so no download is needed), without any
     * io.agentgateway artifact: those must come from install-sdk.
     */
    private static Path repositoryWithoutGatewayArtifacts(Path target) throws Exception {
        Path local = Path.of(System.getProperty("user.home"), ".m2", "repository");
        if (Files.isDirectory(local)) {
            run(local.getParent(), "cp", "-al", local.toString(), target.toString());
        }
        Files.createDirectories(target);
        Path own = target.resolve("io/agentgateway");
        if (Files.exists(own)) {
            try (Stream<Path> files = Files.walk(own)) {
                for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
        return target;
    }

    private static void run(Path directory, String... command) throws Exception {
        Path log = Files.createTempFile("outside-plugins", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("JAVA_HOME", Path.of(System.getProperty("java.home")).toString());
        Process process = builder.start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
        }
        assertEquals(0, process.exitValue(), String.join(" ", command) + " failed:\n" + Files.readString(log));
    }
}
