package io.agentgateway.host.edge;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EdgeFilterTest {

    @Test
    void aCloseTokenIsFoundInAnyCaseAndPlaceOfTheList() {
        assertTrue(EdgeFilter.hasToken("close", "close"));
        assertTrue(EdgeFilter.hasToken("Close", "close"));
        assertTrue(EdgeFilter.hasToken(" keep-alive , CLOSE ", "close"));
        assertTrue(EdgeFilter.hasToken("close,upgrade", "close"));
        assertTrue(EdgeFilter.hasToken("upgrade,\tclose", "close"));
    }

    @Test
    void otherTokensAndTokensThatOnlyContainCloseAreNot() {
        assertFalse(EdgeFilter.hasToken("keep-alive", "close"));
        assertFalse(EdgeFilter.hasToken("", "close"));
        assertFalse(EdgeFilter.hasToken(",", "close"));
        assertFalse(EdgeFilter.hasToken("closed", "close"));
        assertFalse(EdgeFilter.hasToken("keep-alive, not-close", "close"));
        assertFalse(EdgeFilter.hasToken("clo se", "close"));
    }
}
