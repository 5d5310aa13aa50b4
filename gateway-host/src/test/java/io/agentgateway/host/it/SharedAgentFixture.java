package io.agentgateway.host.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link AgentFixture} for every test of a class, registered with {@code @RegisterExtension}: started before the
 * first test in a config folder of its own, its mock emptied before each test, closed after the last.
 */
final class SharedAgentFixture implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

    /** Starts the fixture, writing whatever it needs into {@code configDir}. */
    interface Starter {
        AgentFixture start(Path configDir) throws Exception;
    }

    private final Starter starter;
    private Path configDir;
    private AgentFixture fixture;

    SharedAgentFixture(Starter starter) {
        this.starter = starter;
    }

    /** The fixture with its default agents (see {@link AgentFixture}). */
    static SharedAgentFixture withDefaultAgents() {
        return new SharedAgentFixture(AgentFixture::new);
    }

    AgentFixture get() {
        return fixture;
    }

    MockUpstreamProcess mock() {
        return fixture.mock;
    }

    RunningGateway gateway() {
        return fixture.gateway;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        configDir = Files.createTempDirectory("agent-it-");
        fixture = starter.start(configDir);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        fixture.reset();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try {
            if (fixture != null) {
                fixture.close();
            }
        } finally {
            deleteTree(configDir);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (dir == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
