package io.agentgateway.host.config;

/** A config file the gateway cannot use; its message names the file and what to fix. */
public final class ConfigException extends RuntimeException {

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
