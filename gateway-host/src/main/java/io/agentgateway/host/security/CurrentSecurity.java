package io.agentgateway.host.security;

import static java.util.Objects.requireNonNull;

import io.agentgateway.host.config.ConfigException;
import io.agentgateway.host.config.ConfigFile;
import io.agentgateway.host.config.ConfigFiles;
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

        /** @return which plugins may load, and the digests they are pinned to */
        public PluginRules plugins() {
            return PluginRules.of(config, "security.yaml");
        }
    }

    private final Path file;
    private final Function<String, String> env;
    private final String bindHost;
    private final Consumer<ToolAccessRules> toolRulesChanged;
    private final AtomicReference<Rules> current;
    private final java.util.List<Consumer<Rules>> reloadListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * @param file security.yaml
     * @param env the environment ({@code GATEWAY_API_KEY}, {@code ${VAR}} references)
     * @param bindHost the address the gateway listens on ({@code GATEWAY_HOST}), which decides whether the
     *     development key may serve
     * @param initial what {@link #read} gave at start-up
     * @param toolRulesChanged told the new tool rules on every reload (the tool registry)
     */
    public CurrentSecurity(Path file, Function<String, String> env, String bindHost, Rules initial,
                           Consumer<ToolAccessRules> toolRulesChanged) {
        this.file = requireNonNull(file, "file is null");
        this.env = requireNonNull(env, "env is null");
        this.bindHost = requireNonNull(bindHost, "bindHost is null");
        this.current = new AtomicReference<>(requireNonNull(initial, "initial is null"));
        this.toolRulesChanged = requireNonNull(toolRulesChanged, "toolRulesChanged is null");
    }

    /**
     * Reads security.yaml, which must exist, satisfy its schema and either hold a key or say {@code auth: none}.
     *
     * @param bindHost {@code GATEWAY_HOST}: beyond loopback, the shipped development key and {@code auth: none} are
     *     refused
     * @throws ConfigException naming the file and what is wrong with it
     */
    public static Rules read(Path file, Function<String, String> env, String bindHost) {
        SecurityConfig config = SecurityConfig.parse(ConfigFiles.read(ConfigFile.SECURITY, file, env),
                env.apply("GATEWAY_API_KEY"), file.toString());
        NetworkExposure.check(bindHost, config, file.toString());
        ToolAccessRules tools;
        try {
            tools = ToolAccessRules.fromSecurityYaml(config.raw());
        } catch (ConfigException e) {
            throw new ConfigException(file + ": " + e.getMessage().replaceFirst("^security\\.yaml: ", ""), e);
        }
        PluginRules.of(config, file.toString()); // a bad plugin pin is refused with the rest of the file
        return new Rules(config, new ApiKeyStore(config.keys(), config.open()), tools);
    }

    /** @return the rules in force now */
    public Rules rules() {
        return current.get();
    }

    /** @return the keys in force now */
    public ApiKeyStore keys() {
        return current.get().keys();
    }

    /** @param listener told the new rules after every reload that put them in force (plugin allow/deny, pins) */
    public void onReload(Consumer<Rules> listener) {
        reloadListeners.add(requireNonNull(listener, "listener is null"));
    }

    /**
     * Reads the file again and puts it in force.
     *
     * @return the new rules
     * @throws ConfigException when the file is missing, broken, or would open a gateway that needs keys; the rules
     *     in force then stay
     */
    public synchronized Rules reload() {
        Rules fresh = read(file, env, bindHost);
        if (fresh.keys().open() && !current.get().keys().open()) {
            throw new ConfigException(file + ": 'auth: none' is not put in force by a refresh: a gateway that"
                    + " needs keys is opened only by a restart, whose start log says so.");
        }
        toolRulesChanged.accept(fresh.tools());
        current.set(fresh);
        ExpiringKeys.warn(fresh.keys().keys(), Instant.now());
        reloadListeners.forEach(listener -> listener.accept(fresh));
        return fresh;
    }
}
