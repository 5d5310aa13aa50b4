package io.agentgateway.host;

import io.agentgateway.host.config.ConfigException;
import io.agentgateway.host.config.GatewaySettings;
import io.helidon.logging.common.LogConfig;

/** Starts the gateway with settings from the environment; see {@link GatewaySettings}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        LogConfig.configureRuntime();
        Gateway gateway;
        try {
            gateway = Gateway.start(GatewaySettings.fromEnvironment(System::getenv));
        } catch (ConfigException e) {
            System.err.println("agent-gateway: cannot start: " + e.getMessage());
            System.exit(2);
            return;
        }
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(gateway::stop));
    }
}
