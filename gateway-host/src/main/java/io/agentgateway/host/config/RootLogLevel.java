package io.agentgateway.host.config;

import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code GATEWAY_LOG_LEVEL}: the level of the root logger, so that an operator can quiet the per-request lines or see
 * debug output without a logging.properties file. Takes the usual level names (DEBUG, INFO, WARNING, ERROR,
 * CRITICAL) as well as the JDK's (FINE, SEVERE, ...).
 */
public final class RootLogLevel {

    private static final Map<String, Level> PYTHON_NAMES = Map.of(
            "TRACE", Level.FINEST,
            "DEBUG", Level.FINE,
            "INFO", Level.INFO,
            "WARN", Level.WARNING,
            "WARNING", Level.WARNING,
            "ERROR", Level.SEVERE,
            "CRITICAL", Level.SEVERE);

    private RootLogLevel() {
    }

    /**
     * Sets the root logger and its handlers to {@code GATEWAY_LOG_LEVEL}, when it is set.
     *
     * @return the level set, or null when the variable is not set
     * @throws ConfigException when the value names no level
     */
    public static Level apply(Function<String, String> env) {
        String value = env.apply("GATEWAY_LOG_LEVEL");
        if (value == null || value.isBlank()) {
            return null;
        }
        Level level = parse(value);
        Logger root = Logger.getLogger("");
        root.setLevel(level);
        // The console handler filters on its own level (INFO by default), which would hide DEBUG lines.
        for (Handler handler : root.getHandlers()) {
            handler.setLevel(level);
        }
        return level;
    }

    static Level parse(String value) {
        String name = value.trim().toUpperCase(Locale.ROOT);
        Level level = PYTHON_NAMES.get(name);
        if (level != null) {
            return level;
        }
        try {
            return Level.parse(name);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("GATEWAY_LOG_LEVEL must be DEBUG, INFO, WARNING or ERROR (or a JDK level name"
                    + " such as FINE), not '" + value + "'");
        }
    }
}
