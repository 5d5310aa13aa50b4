package io.agentgateway.host.security;

import static java.util.Objects.requireNonNull;

import io.agentgateway.host.config.ConfigException;
import io.agentgateway.host.config.YamlFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The security.yaml in force: keys and tool access rules from one reading of the file, put in force by
 * {@link #reload()} one right after the other. A request already past the key check finishes under the key it was
 * admitted with, while its later tool calls see the new tool rules. A file that cannot be used leaves the previous
 * version in force.
 */
public final class CurrentSecurity {

    /** What one reading of security.yaml gives. */
    public record Rules(SecurityConfig config, ApiKeyStore keys, ToolAccessRules tools, LimitRules limits) {

        public Rules {
            requireNonNull(config, "config is null");
            requireNonNull(keys, "keys is null");
            requireNonNull(tools, "tools is null");
            requireNonNull(limits, "limits is null");
        }

        /** @throws ConfigException when the file's token limits or budgets are not usable */
        public Rules(SecurityConfig config, ApiKeyStore keys, ToolAccessRules tools) {
            this(config, keys, tools, LimitRules.fromSecurityYaml(config.raw()));
        }
    }

    private final Path file;
    private final Function<String, String> env;
    private final Consumer<ToolAccessRules> toolRulesChanged;
    private final AtomicReference<Rules> current;

    /**
     * @param file security.yaml
     * @param env the environment ({@code GATEWAY_API_KEY}, {@code ${VAR}} references)
     * @param initial what {@link #read} gave at start-up
     * @param toolRulesChanged told the new tool rules on every reload (the tool registry)
     */
    public CurrentSecurity(Path file, Function<String, String> env, Rules initial,
                           Consumer<ToolAccessRules> toolRulesChanged) {
        this.file = requireNonNull(file, "file is null");
        this.env = requireNonNull(env, "env is null");
        this.current = new AtomicReference<>(requireNonNull(initial, "initial is null"));
        this.toolRulesChanged = requireNonNull(toolRulesChanged, "toolRulesChanged is null");
    }

    /**
     * Reads security.yaml; a missing file means no keys (then {@code GATEWAY_API_KEY}, if set, is the only key).
     *
     * @throws ConfigException naming the file and what is wrong with it
     */
    public static Rules read(Path file, Function<String, String> env) {
        SecurityConfig config = SecurityConfig.parse(YamlFiles.load(file, env), env.apply("GATEWAY_API_KEY"),
                file.toString());
        ToolAccessRules tools;
        try {
            tools = ToolAccessRules.fromSecurityYaml(config.raw());
        } catch (ConfigException e) {
            throw new ConfigException(file + ": " + e.getMessage().replaceFirst("^security\\.yaml: ", ""), e);
        }
        return new Rules(config, new ApiKeyStore(config.keys()), tools);
    }

    /** @return the rules in force now */
    public Rules rules() {
        return current.get();
    }

    /** @return the keys in force now */
    public ApiKeyStore keys() {
        return current.get().keys();
    }

    /**
     * Reads the file again and puts it in force.
     *
     * @return the new rules
     * @throws ConfigException when the file is missing, broken, or would open a gateway that has keys; the rules in
     *     force then stay
     */
    public synchronized Rules reload() {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(file + ": file not found");
        }
        Rules fresh = read(file, env);
        // Reading a file whose api_keys went missing by mistake must not open the gateway to everyone.
        if (fresh.keys().open() && !current.get().keys().open()) {
            throw new ConfigException(file + ": no api_keys (and no GATEWAY_API_KEY); a reload does not open a"
                    + " gateway that has keys. Restart the gateway to run without keys.");
        }
        toolRulesChanged.accept(fresh.tools());
        current.set(fresh);
        ExpiringKeys.warn(fresh.keys().keys(), Instant.now());
        return fresh;
    }
}
