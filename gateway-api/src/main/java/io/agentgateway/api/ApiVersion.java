package io.agentgateway.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version of this SPI. Plugins name the range they need in their {@code Plugin-Requires} manifest entry. */
public final class ApiVersion {

    /** The SPI version this jar implements, e.g. {@code 1.0.0}. */
    public static final String CURRENT = read();

    private ApiVersion() {
    }

    private static String read() {
        try (InputStream in = ApiVersion.class.getResourceAsStream("api-version.properties")) {
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException("gateway-api jar is missing api-version.properties", e);
        }
    }
}
