package io.agentgateway.host.it;

import io.agentgateway.host.observe.LineFormatter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Every log line the test suite's gateways write, and every key the suite gave them: the lines of gateways in this
 * JVM (a handler on the JUL root logger, through the production formatter) and of gateway processes
 * ({@link GatewayProcess}), kept in memory until {@link NoSecretsInLogs} checks them after each test class, and
 * appended to {@code target/suite-logs/gateway.log} for a reader. The keys are read from the config files and the
 * environment the tests start gateways with.
 */
public final class SuiteLogs {

    /** Values of {@code key:} and {@code api_key:} in YAML (flow or block style), as the config files write them. */
    private static final Pattern YAML_KEY = Pattern.compile("(?:^|[\\s{,-])(?:key|api_key):\\s*[\"']?([^\\s\"',}#]+)",
            Pattern.MULTILINE);
    /** Shorter values are not secrets worth the name, and would match ordinary words. */
    private static final int SHORTEST_SECRET = 6;
    private static final Path FILE = Path.of("target", "suite-logs", "gateway.log");

    private static final Set<String> SECRETS = ConcurrentHashMap.newKeySet();
    private static final List<String> LINES = new ArrayList<>();
    private static final LineFormatter FORMAT = new LineFormatter(false);

    private static final Handler HANDLER = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (isLoggable(record)) {
                line(FORMAT.format(record));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private SuiteLogs() {
    }

    /**
     * Puts the handler on the root logger, again when a reading of the logging configuration (Helidon's
     * {@code LogConfig}) took it off.
     */
    static synchronized void install() {
        Logger root = Logger.getLogger("");
        if (!List.of(root.getHandlers()).contains(HANDLER)) {
            root.addHandler(HANDLER);
        }
    }

    /** Keeps one line a gateway wrote. */
    static void line(String line) {
        synchronized (LINES) {
            LINES.add(line);
        }
        try {
            Files.createDirectories(FILE.getParent());
            Files.writeString(FILE, line.endsWith("\n") ? line : line + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Remembers a key the suite uses. */
    static void secret(String value) {
        if (value != null && value.length() >= SHORTEST_SECRET && !value.startsWith("${")) {
            SECRETS.add(value);
        }
    }

    /** Remembers every key in the YAML files of {@code configDir} and in environment variables named as secrets. */
    static void secretsOf(Path configDir, Map<String, String> env) {
        try (Stream<Path> files = Files.list(configDir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                Matcher key = YAML_KEY.matcher(Files.readString(file));
                while (key.find()) {
                    secret(key.group(1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        env.forEach((name, value) -> {
            if (name.contains("KEY") || name.contains("SECRET") || name.contains("TOKEN")) {
                secret(value);
            }
        });
    }

    /**
     * Takes the lines kept since the last call.
     *
     * @return those of them that contain a key, each prefixed with the key's first characters
     */
    static List<String> takeLeaks() {
        List<String> lines;
        synchronized (LINES) {
            lines = List.copyOf(LINES);
            LINES.clear();
        }
        List<String> leaks = new ArrayList<>();
        for (String line : lines) {
            for (String secret : SECRETS) {
                if (line.contains(secret)) {
                    String shown = line;
                    for (String any : SECRETS) {
                        shown = shown.replace(any, "<KEY>");
                    }
                    leaks.add("key " + secret.substring(0, 3) + "...: " + shown.strip());
                }
            }
        }
        return leaks;
    }
}
