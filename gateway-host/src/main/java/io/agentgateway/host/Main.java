package io.agentgateway.host;

import io.agentgateway.host.config.ConfigException;
import io.agentgateway.host.config.GatewaySettings;
import io.agentgateway.host.config.RootLogLevel;
import io.helidon.logging.common.LogConfig;

/** Starts the gateway with settings from the environment; see {@link GatewaySettings}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        LogConfig.configureRuntime();
        Gateway gateway;
        try {
            // Before anything logs, so that the level holds from the first line.
            RootLogLevel.apply(System::getenv);
            gateway = Gateway.start(GatewaySettings.fromEnvironment(System::getenv));
        } catch (ConfigException e) {
            System.err.println("agent-gateway: cannot start: " + e.getMessage());
            System.exit(2);
            return;
        }
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(gateway::stop));
    }
}
