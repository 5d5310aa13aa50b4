package io.agentgateway.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The API version is gateway-api's artifact version. Maven cannot share one version between poms without a parent in
 * common, so the poms that restate it are checked here: a bump that misses one fails the build.
 */
class GatewayApiVersionTest {

    @Test
    void currentIsTheArtifactVersionInSemanticVersioningForm() {
        assertTrue(ApiVersion.CURRENT.matches("\\d+\\.\\d+\\.\\d+"), ApiVersion.CURRENT);
    }

    @Test
    void thePluginParentBuildsAgainstThisVersion() throws IOException {
        String parent = Files.readString(Path.of("../plugin-parent/pom.xml"));
        assertEquals(ApiVersion.CURRENT, first(parent, "<artifactId>gateway-plugin-parent</artifactId>\\s*<version>([^<]+)"),
                "plugin-parent/pom.xml's version must be the API version");
        assertEquals(ApiVersion.CURRENT, first(parent, "<gateway.api.version>([^<]+)"),
                "plugin-parent/pom.xml's gateway.api.version must be the API version");
    }

    @Test
    void theTestkitsTestPluginsOfThisVersion() throws IOException {
        assertEquals(ApiVersion.CURRENT, first(Files.readString(Path.of("../testkit/pom.xml")),
                "<artifactId>gateway-testkit</artifactId>\\s*(?:<!--[^>]*-->\\s*)?<version>([^<]+)"),
                "testkit/pom.xml's version must be the API version");
        assertEquals(ApiVersion.CURRENT, first(Files.readString(Path.of("../agent-testkit/pom.xml")),
                "<artifactId>gateway-agent-testkit</artifactId>\\s*(?:<!--[^>]*-->\\s*)?<version>([^<]+)"),
                "agent-testkit/pom.xml's version must be the API version");
    }

    @Test
    void theHostDependsOnThisVersion() throws IOException {
        assertEquals(ApiVersion.CURRENT, first(Files.readString(Path.of("../pom.xml")), "<gateway.api.version>([^<]+)"),
                "the root pom's gateway.api.version must be the API version");
    }

    private static String first(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        assertTrue(matcher.find(), "no match for " + regex);
        return matcher.group(1).trim();
    }
}
