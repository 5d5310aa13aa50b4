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

    /** Calls {@code call} under the class loader of the plugin that defined {@code pluginObject}. */
    static <T> T call(Object pluginObject, Callable<T> call) throws Exception {
        ClassLoader loader = pluginObject.getClass().getClassLoader();
        return loader == null ? call.call() : PluginCalls.call(loader, call::call);
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
