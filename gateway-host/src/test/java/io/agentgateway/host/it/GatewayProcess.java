package io.agentgateway.host.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The gateway in a JVM of its own, with JVM options of the test's choosing (a small heap, say), started from the
 * classes this build made, with the plugin jars the reactor built.
 */
final class GatewayProcess implements AutoCloseable {

    private static final Pattern STARTED = Pattern.compile("gateway\\.started.*\\bport\"?[:=](\\d+)"); // JSON or text logs

    private final Process process;
    private final int port;
    private final List<String> log;
    private final Path dataDir;

    private GatewayProcess(Process process, int port, List<String> log, Path dataDir) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.dataDir = dataDir;
    }

    /** Starts the gateway with {@code upstreamsYaml} and waits until it serves. */
    static GatewayProcess start(Path configDir, String upstreamsYaml, String... jvmOptions) throws IOException {
        return start(configDir, upstreamsYaml, Map.of(), jvmOptions);
    }

    /** Starts the gateway with {@code upstreamsYaml} and more environment variables, and waits until it serves. */
    static GatewayProcess start(Path configDir, String upstreamsYaml, Map<String, String> env, String... jvmOptions)
            throws IOException {
        Files.writeString(configDir.resolve("upstreams.yaml"), upstreamsYaml);
        Files.writeString(configDir.resolve("security.yaml"), RunningGateway.securityYaml(""));
        RunningGateway.writeEmptyIfMissing(configDir);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.agentgateway.host.Main"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Path dataDir = DataDirs.fresh();
        builder.environment().putAll(Map.of(
                "GATEWAY_PORT", "0",
                "GATEWAY_HOST", "127.0.0.1",
                "GATEWAY_UPSTREAM_CONFIG", configDir.resolve("upstreams.yaml").toString(),
                "GATEWAY_SECURITY_CONFIG", configDir.resolve("security.yaml").toString(),
                "GATEWAY_AGENT_CONFIG", configDir.resolve("agents.yaml").toString(),
                "GATEWAY_TOOL_CONFIG", configDir.resolve("tools.yaml").toString(),
                "GATEWAY_PLUGINS_DIR", Repository.pluginsDist().toString(),
                "GATEWAY_DATA_DIR", dataDir.toString()));
        builder.environment().putAll(env);
        SuiteLogs.secretsOf(configDir, env);
        Process process = builder.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        List<String> log = java.util.Collections.synchronizedList(new ArrayList<>());
        String line;
        while ((line = out.readLine()) != null) {
            log.add(line);
            SuiteLogs.line(line);
            Matcher started = STARTED.matcher(line);
            if (started.find()) {
                Thread.ofVirtual().start(() -> { // keep its output drained
                    try {
                        out.lines().forEach(more -> {
                            log.add(more);
                            SuiteLogs.line(more);
                        });
                    } catch (java.io.UncheckedIOException stopped) {
                        // stopping the process closes its output; nothing more to drain
                    }
                });
                return new GatewayProcess(process, Integer.parseInt(started.group(1)), log, dataDir);
            }
        }
        process.destroyForcibly().onExit().join();
        DataDirs.remove(dataDir);
        throw new IllegalStateException("the gateway did not start:\n" + String.join("\n", log));
    }

    int port() {
        return port;
    }

    boolean alive() {
        return process.isAlive();
    }

    /** @return what the gateway wrote so far */
    List<String> log() {
        synchronized (log) {
            return List.copyOf(log);
        }
    }

    /** Sends SIGTERM, as an orchestrator stopping it does. */
    void terminate() {
        process.destroy();
    }

    /** @return the exit code, or -1 when it has not exited within {@code seconds} */
    int awaitExit(long seconds) throws InterruptedException {
        return process.waitFor(seconds, TimeUnit.SECONDS) ? process.exitValue() : -1;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        DataDirs.remove(dataDir);
    }
}
