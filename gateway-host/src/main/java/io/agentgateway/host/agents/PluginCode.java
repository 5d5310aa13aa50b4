package io.agentgateway.host.agents;

import io.agentgateway.host.observe.EventLog;
import io.agentgateway.host.plugins.PluginCalls;
import java.util.concurrent.Callable;

/**
 * Calls into plugin code (instructions, guardrails, hooks, tools) with the thread's context class loader set to the
 * plugin's, as libraries inside a plugin expect.
 */
final class PluginCode {

    private PluginCode() {
    }

    /**
     * Calls {@code call} under the class loader of the plugin that defined {@code pluginObject}; what plugin code
     * throws beyond checked exceptions becomes a 502 {@code plugin_error} naming the plugin ({@link PluginCalls#serve}).
     */
    static <T> T call(Object pluginObject, Callable<T> call) throws Exception {
        return PluginCalls.serve(pluginObject.getClass().getClassLoader(), "agent code", call::call);
    }

    /** Runs a hook; a hook that throws is logged and the run goes on. */
    static void hook(Object hooks, String requestId, String agentId, String name, Runnable hook) {
        try {
            call(hooks, () -> {
                hook.run();
                return null;
            });
        } catch (Exception e) {
            EventLog.warn("agent.hook.failed", "request_id", requestId, "agent", agentId, "hook", name,
                    "error", String.valueOf(e.getMessage()));
        }
    }
}
