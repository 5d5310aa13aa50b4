package io.agentgateway.host.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Why a plugin failed, in one line: each cause once, with its message when it has one. */
class CausesTest {

    @Test
    void aCauseWithoutAMessageIsNamedByItsClass() {
        assertEquals("IllegalStateException: cannot start; caused by NullPointerException",
                Causes.describe(new IllegalStateException("cannot start", new NullPointerException())));
    }

    @Test
    void aCauseTheWrapperAlreadyQuotesIsNotSaidAgain() {
        assertEquals("UncheckedIOException: reading lib/x.jar: disk gone", Causes.describe(
                new java.io.UncheckedIOException("reading lib/x.jar: disk gone", new IOException("disk gone"))));
    }
}
