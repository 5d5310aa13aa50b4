package io.agentgateway.host.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The reason a plugin id is refused points at the first character to fix, and says how when it can. */
class PluginIdsTest {

    private static final String RULE = "a plugin id may use only lower-case ASCII letters, digits, '.', '_' and '-'";

    @Test
    void capitalsFromAToZAreToBeWrittenInLowerCase() {
        assertEquals("Plugin-Id 'Alpha' is refused: " + RULE + "; 'A' at position 1 is not (write it in lower case)",
                reason("Alpha"));
        assertTrue(reason("fooZ").endsWith("; 'Z' at position 4 is not (write it in lower case)"), reason("fooZ"));
        assertTrue(reason("a@b").endsWith("; '@' at position 2 is not"), reason("a@b"));
        assertTrue(reason("a[b").endsWith("; '[' at position 2 is not"), reason("a[b"));
    }

    @Test
    void aSpaceIsShownEscapedAndToBeRemoved() {
        assertEquals("Plugin-Id 'text\\u0020tools' is refused: " + RULE
                + "; '\\u0020' at position 5 is not (remove the space)", reason("text tools"));
    }

    @Test
    void onlyPrintableAsciiIsShownAsItIs() {
        assertEquals("!ok~", PluginIds.visible("!ok~"));
        assertEquals("a\\u007fb\\u0009", PluginIds.visible("a\u007fb\t"));
    }

    @Test
    void anEmptyIdIsRefusedWithoutPointingAnywhere() {
        assertEquals("Plugin-Id '' is refused: " + RULE, reason(""));
    }

    private static String reason(String id) {
        return PluginIds.problem(id).orElseThrow();
    }
}
