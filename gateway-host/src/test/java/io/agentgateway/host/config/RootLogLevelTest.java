package io.agentgateway.host.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GATEWAY_LOG_LEVEL sets the root logger and its handlers, so DEBUG lines are really printed. */
class RootLogLevelTest {

    private final Logger root = Logger.getLogger("");
    private final Handler handler = new ConsoleHandler();
    private Level rootBefore;

    @BeforeEach
    void keepTheLevel() {
        rootBefore = root.getLevel();
        handler.setLevel(Level.INFO);
        root.addHandler(handler);
    }

    @AfterEach
    void restoreTheLevel() {
        root.removeHandler(handler);
        root.setLevel(rootBefore);
    }

    @Test
    void debugReachesTheRootLoggerAndItsHandlers() {
        assertEquals(Level.FINE, RootLogLevel.apply(name -> "GATEWAY_LOG_LEVEL".equals(name) ? "debug" : null));
        assertEquals(Level.FINE, root.getLevel());
        assertEquals(Level.FINE, handler.getLevel(), "a handler left at INFO would hide the debug lines");
    }

    @Test
    void unsetOrBlankLeavesTheLevelsAlone() {
        root.setLevel(Level.WARNING);
        assertEquals(null, RootLogLevel.apply(name -> " "));
        assertEquals(Level.WARNING, root.getLevel());
        assertEquals(Level.INFO, handler.getLevel());
    }

    @Test
    void anUnknownLevelIsRefusedWithTheNamesThatWork() {
        root.setLevel(Level.WARNING);
        ConfigException error = assertThrows(ConfigException.class, () -> RootLogLevel.apply(name -> "LOUD"));
        assertEquals("GATEWAY_LOG_LEVEL must be DEBUG, INFO, WARNING or ERROR (or a JDK level name such as FINE),"
                + " not 'LOUD'", error.getMessage());
        assertEquals(Level.WARNING, root.getLevel(), "nothing changes on a wrong value");
    }

    @Test
    void everyDocumentedNameHasItsLevel() {
        assertEquals(Level.FINEST, RootLogLevel.parse("TRACE"));
        assertEquals(Level.INFO, RootLogLevel.parse("info"));
        assertEquals(Level.WARNING, RootLogLevel.parse("warn"));
        assertEquals(Level.SEVERE, RootLogLevel.parse("error"));
        assertEquals(Level.OFF, RootLogLevel.parse("off"));
    }
}
