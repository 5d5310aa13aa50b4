package io.agentgateway.host;

import io.agentgateway.host.config.ConfigException;
import io.agentgateway.host.config.GatewaySettings;
import io.agentgateway.host.config.RootLogLevel;
import io.agentgateway.host.config.ShutdownGrace;
import io.agentgateway.host.observe.LineFormatter;
import io.helidon.logging.common.LogConfig;
import sun.misc.Signal;

/** Starts the gateway with settings from the environment; see {@link GatewaySettings}. */
public final class Main {

    /** How long the banner waits for upstreams to answer; one that takes longer shows as not answered yet. */
    private static final java.time.Duration BANNER_WAIT = java.time.Duration.ofSeconds(3);

    private Main() {
    }

    public static void main(String[] args) {
        LogConfig.configureRuntime();
        Gateway gateway;
        java.time.Duration grace;
        try {
            // Before anything logs, so that the level holds from the first line.
            RootLogLevel.apply(System::getenv);
            grace = ShutdownGrace.fromEnvironment(System::getenv);
            gateway = Gateway.start(GatewaySettings.fromEnvironment(System::getenv));
        } catch (ConfigException e) {
            System.err.println("agent-gateway: cannot start: " + e.getMessage());
            System.exit(2);
            return;
        }
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(gateway::stop));
        // SIGTERM (what orchestrators send) drains first: the JVM's own handling would begin the shutdown hooks at
        // once, with requests cut mid-answer, and end with status 143. A drained gateway exits 0.
        Signal.handle(new Signal("TERM"), signal -> Thread.ofPlatform().name("drain").start(() -> {
            gateway.drainAndStop(grace);
            System.exit(0);
        }));
        // On standard output, apart from the log on standard error: what a person starting the gateway reads first.
        // Only for a person: with JSON logs (the default, for log shippers) every line the process writes is JSON.
        if (LineFormatter.textFormat(System::getenv)) {
            System.out.print(gateway.banner(BANNER_WAIT).render());
            System.out.flush();
        }
    }
}
