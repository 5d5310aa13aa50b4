package io.agentgateway.host.plugins;

import static java.util.Objects.requireNonNull;

import io.agentgateway.host.json.Json;
import java.text.MessageFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ResourceBundle;

/**
 * The logger a plugin gets from {@code PluginContext.logger()}: every record is a {@code plugin.log} event carrying
 * the plugin's id, {@code {"event":"plugin.log","plugin_id":"weather","message":"..."}}, one line like the gateway's
 * own events, so an operator can tell which plugin said what. Levels are set per plugin on the logger
 * {@code agent-gateway.plugin.<id>}.
 */
public final class PluginLogger implements System.Logger {

    private final String pluginId;
    private final System.Logger delegate;

    public PluginLogger(String pluginId) {
        this.pluginId = requireNonNull(pluginId, "pluginId is null");
        this.delegate = System.getLogger("agent-gateway.plugin." + pluginId);
    }

    @Override
    public String getName() {
        return delegate.getName();
    }

    @Override
    public boolean isLoggable(Level level) {
        return delegate.isLoggable(level);
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String message, Throwable thrown) {
        if (isLoggable(level)) {
            delegate.log(level, (ResourceBundle) null, event(message), thrown);
        }
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
        if (isLoggable(level)) {
            String message = params == null || params.length == 0 ? format : MessageFormat.format(format, params);
            delegate.log(level, (ResourceBundle) null, event(message), (Throwable) null);
        }
    }

    private String event(String message) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("event", "plugin.log");
        fields.put("plugin_id", pluginId);
        fields.put("message", message);
        return Json.write(fields);
    }
}
