package io.agentgateway.host.store;

import static java.util.Objects.requireNonNull;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The audit trail in the gateway's {@link Database}: table {@code audit}, one row per admin action. */
public final class AuditStore {

    private final Database database;

    public AuditStore(Database database) {
        this.database = requireNonNull(database, "database is null");
        database.execute("""
                CREATE TABLE IF NOT EXISTS audit (
                  at_ms INTEGER NOT NULL,
                  request_id TEXT NOT NULL,
                  key_id TEXT,
                  action TEXT NOT NULL,
                  target TEXT,
                  result TEXT NOT NULL,
                  status INTEGER NOT NULL)""");
        database.execute("CREATE INDEX IF NOT EXISTS audit_by_time ON audit (at_ms)");
    }

    public void add(AuditEvent event) {
        database.call(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO audit VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                insert.setLong(1, event.at().toEpochMilli());
                insert.setString(2, event.requestId());
                insert.setString(3, event.keyId());
                insert.setString(4, event.action());
                insert.setString(5, event.target());
                insert.setString(6, event.result());
                insert.setInt(7, event.status());
                return insert.executeUpdate();
            }
        });
    }

    /**
     * @param keyId only this key's actions, or null
     * @param action only this action, or null
     * @param limit at most this many
     * @return the newest actions first
     */
    public List<AuditEvent> newest(String keyId, String action, int limit) {
        StringBuilder sql = new StringBuilder("SELECT at_ms, request_id, key_id, action, target, result, status"
                + " FROM audit WHERE 1=1");
        List<String> parameters = new ArrayList<>();
        if (keyId != null) {
            sql.append(" AND key_id = ?");
            parameters.add(keyId);
        }
        if (action != null) {
            sql.append(" AND action = ?");
            parameters.add(action);
        }
        sql.append(" ORDER BY at_ms DESC, rowid DESC LIMIT ").append(limit);
        return database.call(connection -> {
            try (PreparedStatement query = connection.prepareStatement(sql.toString())) {
                for (int i = 0; i < parameters.size(); i++) {
                    query.setString(i + 1, parameters.get(i));
                }
                List<AuditEvent> events = new ArrayList<>();
                try (ResultSet result = query.executeQuery()) {
                    while (result.next()) {
                        events.add(new AuditEvent(Instant.ofEpochMilli(result.getLong(1)), result.getString(2),
                                result.getString(3), result.getString(4), result.getString(5), result.getString(6),
                                result.getInt(7)));
                    }
                }
                return events;
            }
        });
    }
}
