package io.agentgateway.host.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResponseStoreTest {

    @TempDir
    Path dataDir;

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-01T10:00:00Z"));
    private final Clock clock = new Clock() {
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        public Instant instant() {
            return now.get();
        }
    };

    private ResponseStore.StoredResponse made(String id, String keyId) {
        return new ResponseStore.StoredResponse(id, keyId, now.get(), "{\"id\":\"" + id + "\"}", "[]");
    }

    private static int rows(Database database) {
        return database.call(connection -> {
            try (var count = connection.createStatement().executeQuery("SELECT COUNT(*) FROM responses")) {
                count.next();
                return count.getInt(1);
            }
        });
    }

    @Test
    void aResponseIsFoundUntilItsRetentionEndsAndIsDeletedWhenTheNextIsStored() {
        try (Database database = Database.open(dataDir)) {
            ResponseStore store = new ResponseStore(database, Duration.ofDays(30), clock);
            store.put(made("resp_old", "k1"));

            now.set(now.get().plus(Duration.ofDays(30)));
            assertTrue(store.find("resp_old", "k1").isPresent(), "still kept on its last day");

            now.set(now.get().plusSeconds(1));
            assertTrue(store.find("resp_old", "k1").isEmpty(), "past its retention it is no longer served");
            assertEquals(1, rows(database));

            store.put(made("resp_new", "k1"));
            assertEquals(1, rows(database), "the expired response was deleted when the next was stored");
            assertTrue(store.find("resp_new", "k1").isPresent());
        }
    }

    @Test
    void aResponseBelongsToTheKeyThatMadeIt() {
        try (Database database = Database.open(dataDir)) {
            ResponseStore store = new ResponseStore(database, Duration.ofDays(30), clock);
            store.put(made("resp_1", "k1"));
            store.put(made("resp_open", null));

            assertTrue(store.find("resp_1", "k2").isEmpty());
            assertTrue(store.find("resp_1", null).isEmpty());
            assertTrue(store.find("resp_open", null).isPresent());
            assertFalse(store.delete("resp_1", "k2"));
            assertTrue(store.delete("resp_1", "k1"));
            assertTrue(store.find("resp_1", "k1").isEmpty());
        }
    }
}
