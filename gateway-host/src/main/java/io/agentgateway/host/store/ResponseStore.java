package io.agentgateway.host.store;

import static java.util.Objects.requireNonNull;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Responses kept for {@code GET /v1/responses/{id}} and {@code previous_response_id}: table {@code responses}, one
 * row per stored response, with the conversation it ends (its input and output items, oldest first) so the next
 * response can carry it on. A response belongs to the key that made it: another key finds nothing.
 *
 * <p>A response is kept for a retention period ({@code GATEWAY_RESPONSES_RETENTION_DAYS}, 30 days by default, as
 * OpenAI keeps stored responses): older ones are no longer found, and are deleted when the next response is stored,
 * so the table cannot grow without bound.
 */
public final class ResponseStore {

    private final Database database;
    private final Duration retention;
    private final Clock clock;

    /** @param retention how long a response is kept after it was made */
    public ResponseStore(Database database, Duration retention, Clock clock) {
        this.database = requireNonNull(database, "database is null");
        this.retention = requireNonNull(retention, "retention is null");
        this.clock = requireNonNull(clock, "clock is null");
        database.execute("""
                CREATE TABLE IF NOT EXISTS responses (
                  id TEXT PRIMARY KEY,
                  key_id TEXT,
                  created_at_ms INTEGER NOT NULL,
                  response_json TEXT NOT NULL,
                  conversation_json TEXT NOT NULL)""");
        database.execute("CREATE INDEX IF NOT EXISTS responses_created ON responses (created_at_ms)");
    }

    private long oldestKeptMillis() {
        return clock.millis() - retention.toMillis();
    }

    /**
     * One stored response.
     *
     * @param id its id
     * @param keyId the key that made it, null on a gateway without keys
     * @param createdAt when it was made
     * @param responseJson the response object, as the client received it
     * @param conversationJson the items of its conversation, as a JSON array
     */
    public record StoredResponse(String id, String keyId, Instant createdAt, String responseJson,
                                 String conversationJson) {

        public StoredResponse {
            requireNonNull(id, "id is null");
            requireNonNull(createdAt, "createdAt is null");
            requireNonNull(responseJson, "responseJson is null");
            requireNonNull(conversationJson, "conversationJson is null");
        }
    }

    /** Keeps {@code response}, replacing one with the same id, and deletes those past the retention period. */
    public void put(StoredResponse response) {
        database.call(connection -> {
            try (PreparedStatement expired = connection.prepareStatement(
                    "DELETE FROM responses WHERE created_at_ms < ?")) {
                expired.setLong(1, oldestKeptMillis());
                expired.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT OR REPLACE INTO responses VALUES (?, ?, ?, ?, ?)")) {
                insert.setString(1, response.id());
                insert.setString(2, response.keyId());
                insert.setLong(3, response.createdAt().toEpochMilli());
                insert.setString(4, response.responseJson());
                insert.setString(5, response.conversationJson());
                return insert.executeUpdate();
            }
        });
    }

    /** @return the response with that id made by {@code keyId} (null: the open gateway's), if kept and not expired */
    public Optional<StoredResponse> find(String id, String keyId) {
        return database.call(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT id, key_id, created_at_ms, response_json, conversation_json FROM responses"
                            + " WHERE id = ? AND key_id IS ? AND created_at_ms >= ?")) {
                select.setString(1, id);
                select.setString(2, keyId);
                select.setLong(3, oldestKeptMillis());
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new StoredResponse(row.getString(1), row.getString(2),
                            Instant.ofEpochMilli(row.getLong(3)), row.getString(4), row.getString(5)));
                }
            }
        });
    }

    /** @return whether a response with that id made by {@code keyId} was there to delete */
    public boolean delete(String id, String keyId) {
        return database.call(connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM responses WHERE id = ? AND key_id IS ?")) {
                delete.setString(1, id);
                delete.setString(2, keyId);
                return delete.executeUpdate() > 0;
            }
        });
    }
}
