package io.agentgateway.httpclient;

import java.io.IOException;
import java.net.URI;

/** Refuses addresses a call must not reach, before it is made. */
@FunctionalInterface
public interface AddressCheck {

    /** Lets every address through. */
    AddressCheck NONE = uri -> { };

    /**
     * @throws SecurityException when {@code uri} must not be called
     * @throws IOException when the check cannot be made (its host does not resolve)
     */
    void check(URI uri) throws IOException;
}
