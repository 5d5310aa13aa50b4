package io.agentgateway.host.store;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {

    @TempDir
    Path dataDir;

    @Test
    void aCloseDoesNotWaitForGoodOnAStalledWrite() throws Exception {
        Database database = Database.open(dataDir);
        CountDownLatch working = new CountDownLatch(1);
        CountDownLatch workMayEnd = new CountDownLatch(1);
        Thread stalled = Thread.ofPlatform().start(() -> database.call(connection -> {
            working.countDown();
            try {
                workMayEnd.await(60, TimeUnit.SECONDS); // a write that hangs on the disk
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }));
        try {
            assertTrue(working.await(10, TimeUnit.SECONDS));
            StoreException notClosed = assertTimeoutPreemptively(Duration.ofSeconds(10),
                    () -> assertThrows(StoreException.class, () -> database.close(Duration.ofSeconds(1))),
                    "a stop goes on past a stalled write");
            assertTrue(notClosed.getMessage().contains("not closing"), notClosed.getMessage());
        } finally {
            workMayEnd.countDown();
            assertTrue(stalled.join(Duration.ofSeconds(10)));
        }
        database.close(); // the work is done: now it closes
    }
}
