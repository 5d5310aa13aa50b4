package io.agentgateway.host.store;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The gateway's embedded database: one SQLite file, {@code gateway.db} in the data directory
 * ({@code GATEWAY_DATA_DIR}, default {@code data}), in WAL mode. Each feature owns a table class that creates its
 * table with {@code CREATE TABLE IF NOT EXISTS} and works through {@link #call}.
 *
 * <p>One connection, used by one caller at a time: SQLite admits one writer anyway, the gateway's writes are single
 * small inserts, and one connection needs no pool. A lock rather than {@code synchronized}, so a virtual thread
 * waiting here does not pin its carrier.
 */
public final class Database implements AutoCloseable {

    /** The file's name inside the data directory. */
    public static final String FILE_NAME = "gateway.db";
    /**
     * How long {@link #close} waits for the work in progress: beyond a statement's own wait for another process's
     * lock ({@code busy_timeout}, 5 s; a backup, say), short enough that a stalled write does not hold a shut-down.
     */
    static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

    private final Path file;
    private final Connection connection;
    private final ReentrantLock lock = new ReentrantLock();

    private Database(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
    }

    /**
     * Opens (creating when missing) {@code gateway.db} in {@code dataDir}.
     *
     * @throws StoreException when the directory or the file cannot be created or opened
     */
    public static Database open(Path dataDir) {
        requireNonNull(dataDir, "dataDir is null");
        Path file = dataDir.resolve(FILE_NAME).toAbsolutePath();
        try {
            Files.createDirectories(dataDir);
            Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA journal_mode=WAL");
                // WAL with NORMAL: a commit survives a crash of the process; only a power loss may lose the last few.
                statement.execute("PRAGMA synchronous=NORMAL");
                statement.execute("PRAGMA busy_timeout=5000");
            }
            return new Database(file, connection);
        } catch (IOException | SQLException e) {
            throw new StoreException("cannot open the database " + file + " (set GATEWAY_DATA_DIR to a writable"
                    + " directory): " + e.getMessage(), e);
        }
    }

    /** @return the database file */
    public Path file() {
        return file;
    }

    /** Work done with the connection; may throw what JDBC throws. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /**
     * Runs {@code work} with the connection, alone.
     *
     * @throws StoreException when JDBC fails
     */
    public <T> T call(Work<T> work) {
        lock.lock();
        try {
            return work.run(connection);
        } catch (SQLException e) {
            throw new StoreException("database " + file + ": " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    /** Runs one statement of DDL or an update without parameters. */
    public void execute(String sql) {
        call(connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute(sql);
            }
            return null;
        });
    }

    /**
     * Closes the connection once the work in progress is done, waiting at most {@link #CLOSE_WAIT}.
     *
     * @throws StoreException when it cannot be closed, or when work still holds it after that wait (a stalled write):
     *     the connection is then left open, for the process's end to release
     */
    @Override
    public void close() {
        close(CLOSE_WAIT);
    }

    void close(Duration wait) {
        try {
            if (!lock.tryLock(wait.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new StoreException("not closing " + file + ": work on it has not ended within "
                        + wait.toSeconds() + " s", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("not closing " + file + ": interrupted while waiting for the work on it", e);
        }
        try {
            connection.close();
        } catch (SQLException e) {
            throw new StoreException("closing " + file + ": " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }
}
