package io.agentgateway.host.store;

import static java.util.Objects.requireNonNull;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@link UsageStore} in the gateway's {@link Database}: table {@code usage}, one row per upstream call. */
public final class SqliteUsageStore implements UsageStore {

    private final Database database;

    public SqliteUsageStore(Database database) {
        this.database = requireNonNull(database, "database is null");
        database.execute("""
                CREATE TABLE IF NOT EXISTS usage (
                  at_ms INTEGER NOT NULL,
                  request_id TEXT NOT NULL,
                  key_id TEXT,
                  model TEXT NOT NULL,
                  upstream TEXT NOT NULL,
                  agent TEXT,
                  prompt_tokens INTEGER NOT NULL,
                  completion_tokens INTEGER NOT NULL,
                  cost REAL NOT NULL)""");
        database.execute("CREATE INDEX IF NOT EXISTS usage_by_key_time ON usage (key_id, at_ms)");
        database.execute("CREATE INDEX IF NOT EXISTS usage_by_time ON usage (at_ms)");
    }

    @Override
    public void add(UsageRecord usage) {
        addAll(List.of(usage));
    }

    /** All in one transaction: one commit (one WAL sync) for the lot, and all of them or none kept. */
    @Override
    public void addAll(List<UsageRecord> usages) {
        if (usages.isEmpty()) {
            return;
        }
        database.call(connection -> {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO usage VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (UsageRecord usage : usages) {
                    insert.setLong(1, usage.at().toEpochMilli());
                    insert.setString(2, usage.requestId());
                    setNullable(insert, 3, usage.keyId());
                    insert.setString(4, usage.model());
                    insert.setString(5, usage.upstream());
                    setNullable(insert, 6, usage.agent());
                    insert.setLong(7, usage.promptTokens());
                    insert.setLong(8, usage.completionTokens());
                    insert.setDouble(9, usage.cost());
                    insert.addBatch();
                }
                insert.executeBatch();
                connection.commit();
                return null;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                // The connection is shared: every other table's work expects each statement to commit itself.
                connection.setAutoCommit(true);
            }
        });
    }

    @Override
    public List<UsageSummary> summarize(String keyId, String model, Instant from, Instant to) {
        StringBuilder sql = new StringBuilder("SELECT key_id, model, upstream, agent, COUNT(*),"
                + " SUM(prompt_tokens), SUM(completion_tokens), SUM(cost) FROM usage WHERE 1=1");
        List<Object> parameters = new ArrayList<>();
        if (keyId != null) {
            sql.append(" AND key_id = ?");
            parameters.add(keyId);
        }
        if (model != null) {
            sql.append(" AND model = ?");
            parameters.add(model);
        }
        if (from != null) {
            sql.append(" AND at_ms >= ?");
            parameters.add(from.toEpochMilli());
        }
        if (to != null) {
            sql.append(" AND at_ms < ?");
            parameters.add(to.toEpochMilli());
        }
        sql.append(" GROUP BY key_id, model, upstream, agent"
                + " ORDER BY SUM(prompt_tokens) + SUM(completion_tokens) DESC");
        return database.call(connection -> {
            try (PreparedStatement query = connection.prepareStatement(sql.toString())) {
                for (int i = 0; i < parameters.size(); i++) {
                    query.setObject(i + 1, parameters.get(i));
                }
                List<UsageSummary> rows = new ArrayList<>();
                try (ResultSet result = query.executeQuery()) {
                    while (result.next()) {
                        rows.add(new UsageSummary(result.getString(1), result.getString(2), result.getString(3),
                                result.getString(4), result.getLong(5), result.getLong(6), result.getLong(7),
                                result.getDouble(8)));
                    }
                }
                return rows;
            }
        });
    }

    @Override
    public Map<String, Spent> spentByKeySince(Instant from) {
        return database.call(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT key_id,"
                    + " SUM(prompt_tokens + completion_tokens), SUM(cost) FROM usage"
                    + " WHERE key_id IS NOT NULL AND at_ms >= ? GROUP BY key_id")) {
                query.setLong(1, from.toEpochMilli());
                Map<String, Spent> spent = new HashMap<>();
                try (ResultSet result = query.executeQuery()) {
                    while (result.next()) {
                        spent.put(result.getString(1), new Spent(result.getLong(2), result.getDouble(3)));
                    }
                }
                return spent;
            }
        });
    }

    private static void setNullable(PreparedStatement statement, int index, String value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, value);
        }
    }
}
