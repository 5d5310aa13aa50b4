package io.agentgateway.host.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads one of the gateway's config files strictly: the file must exist, be YAML, and satisfy its schema. The same
 * reading serves the start and every refresh, so a file refused at refresh would have been refused at start.
 */
public final class ConfigFiles {

    private ConfigFiles() {
    }

    /**
     * @param kind which file it is
     * @param file where it is (its variable's value, or the default)
     * @param env the environment, for {@code ${VAR}} references
     * @return the file's top-level mapping, checked against its schema; empty for an empty file
     * @throws ConfigException naming the file (and its variable when it is missing) and what to fix
     */
    public static Map<String, Object> read(ConfigFile kind, Path file, Function<String, String> env) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(file + ": file not found. Create it (it may be empty), or set "
                    + kind.variable() + " to the file's path" + (file.equals(kind.defaultPath()) ? ""
                    : " (" + kind.variable() + " names " + file + "; unset, it is " + kind.defaultPath() + ")")
                    + ".");
        }
        Map<String, Object> content = YamlFiles.load(file, env);
        ConfigSchemas.check(kind, content, file.toString());
        return content;
    }
}
