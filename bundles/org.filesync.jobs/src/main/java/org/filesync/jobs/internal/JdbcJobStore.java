package org.filesync.jobs.internal;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.filesync.jobs.ItemError;
import org.filesync.jobs.JobException;
import org.filesync.jobs.JobProgress;
import org.filesync.jobs.JobResult;
import org.filesync.jobs.JobState;
import org.filesync.jobs.JobStatus;

/**
 * Job records in one table ({@code FS_JOB}) of the shared database, through plain JDBC on the
 * DataSource service. Portable SQL only (Derby, PostgreSQL): the table is created when missing.
 */
final class JdbcJobStore implements JobStore {

    static final String TABLE = "FS_JOB";
    private static final int MAX_TEXT = 4000;
    private static final int MAX_STORED_ERRORS = 50;

    private static final String COLUMNS = "ID, JOB_TYPE, DESCRIPTION, BACKEND, STATE, REASON, CREATED, STARTED,"
            + " FINISHED, ITEMS_DONE, ITEMS_TOTAL, BYTES_DONE, BYTES_TOTAL, ITEMS_OK, ERROR_COUNT, ERRORS, SUMMARY";

    private final DataSource dataSource;

    JdbcJobStore(DataSource dataSource) {
        this.dataSource = dataSource;
        createTableIfMissing();
    }

    private void createTableIfMissing() {
        try (Connection c = dataSource.getConnection()) {
            if (tableExists(c.getMetaData())) {
                return;
            }
            try (Statement s = c.createStatement()) {
                s.executeUpdate("CREATE TABLE " + TABLE + " (ID VARCHAR(64) NOT NULL PRIMARY KEY,"
                        + " JOB_TYPE VARCHAR(128) NOT NULL, DESCRIPTION VARCHAR(" + MAX_TEXT + ") NOT NULL,"
                        + " BACKEND VARCHAR(128) NOT NULL, STATE VARCHAR(16) NOT NULL,"
                        + " REASON VARCHAR(" + MAX_TEXT + ") NOT NULL, CREATED TIMESTAMP NOT NULL,"
                        + " STARTED TIMESTAMP, FINISHED TIMESTAMP, ITEMS_DONE BIGINT NOT NULL,"
                        + " ITEMS_TOTAL BIGINT NOT NULL, BYTES_DONE BIGINT NOT NULL, BYTES_TOTAL BIGINT NOT NULL,"
                        + " ITEMS_OK BIGINT, ERROR_COUNT INTEGER, ERRORS VARCHAR(" + MAX_TEXT + "),"
                        + " SUMMARY VARCHAR(" + MAX_TEXT + "))");
                s.executeUpdate("CREATE INDEX FS_JOB_STATE ON " + TABLE + " (BACKEND, STATE)");
            }
        } catch (SQLException e) {
            // Another backend may have created it meanwhile.
            try (Connection c = dataSource.getConnection()) {
                if (tableExists(c.getMetaData())) {
                    return;
                }
            } catch (SQLException ignored) {
                // fall through to the original error
            }
            throw new JobException("cannot create the job table " + TABLE + ": " + e.getMessage(), e);
        }
    }

    private static boolean tableExists(DatabaseMetaData meta) throws SQLException {
        for (String name : new String[] {TABLE, TABLE.toLowerCase(java.util.Locale.ROOT)}) {
            try (ResultSet rs = meta.getTables(null, null, name, new String[] {"TABLE"})) {
                if (rs.next()) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public void insert(JobStatus s) {
        String sql = "INSERT INTO " + TABLE + " (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, s.id());
            ps.setString(2, clip(s.type(), 128));
            ps.setString(3, clip(s.description(), MAX_TEXT));
            ps.setString(4, clip(s.backend(), 128));
            bindMutable(ps, 5, s);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new JobException("cannot record job " + s.id() + " in the database: " + e.getMessage(), e);
        }
    }

    @Override
    public void update(JobStatus s) {
        String sql = "UPDATE " + TABLE + " SET STATE=?, REASON=?, CREATED=?, STARTED=?, FINISHED=?, ITEMS_DONE=?,"
                + " ITEMS_TOTAL=?, BYTES_DONE=?, BYTES_TOTAL=?, ITEMS_OK=?, ERROR_COUNT=?, ERRORS=?, SUMMARY=?"
                + " WHERE ID=?";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            bindMutable(ps, 1, s);
            ps.setString(14, s.id());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new JobException("cannot record job " + s.id() + " in the database: " + e.getMessage(), e);
        }
    }

    /** Binds STATE … SUMMARY (13 columns) from {@code first}. */
    private static void bindMutable(PreparedStatement ps, int first, JobStatus s) throws SQLException {
        int i = first;
        ps.setString(i++, s.state().name());
        ps.setString(i++, clip(s.reason(), MAX_TEXT));
        ps.setTimestamp(i++, Timestamp.from(s.created()));
        ps.setTimestamp(i++, s.started().map(Timestamp::from).orElse(null));
        ps.setTimestamp(i++, s.finished().map(Timestamp::from).orElse(null));
        JobProgress p = s.progress();
        ps.setLong(i++, p.itemsDone());
        ps.setLong(i++, p.itemsTotal());
        ps.setLong(i++, p.bytesDone());
        ps.setLong(i++, p.bytesTotal());
        if (s.result().isPresent()) {
            JobResult r = s.result().get();
            ps.setLong(i++, r.itemsSucceeded());
            ps.setInt(i++, r.errors().size());
            ps.setString(i++, encodeErrors(r.errors()));
            ps.setString(i, clip(r.summary(), MAX_TEXT));
        } else {
            ps.setNull(i++, java.sql.Types.BIGINT);
            ps.setNull(i++, java.sql.Types.INTEGER);
            ps.setNull(i++, java.sql.Types.VARCHAR);
            ps.setNull(i, java.sql.Types.VARCHAR);
        }
    }

    @Override
    public Optional<JobStatus> find(String id) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM " + TABLE + " WHERE ID=?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new JobException("cannot read job " + id + " from the database: " + e.getMessage(), e);
        }
    }

    @Override
    public List<JobStatus> recent(int limit) {
        List<JobStatus> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT " + COLUMNS + " FROM " + TABLE + " ORDER BY CREATED DESC")) {
            ps.setMaxRows(limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next() && out.size() < limit) {
                    out.add(read(rs));
                }
            }
        } catch (SQLException e) {
            throw new JobException("cannot read the jobs from the database: " + e.getMessage(), e);
        }
        return out;
    }

    @Override
    public int markInterrupted(String backend, Instant now) {
        String sql = "UPDATE " + TABLE + " SET STATE=?, REASON=?, FINISHED=? WHERE BACKEND=? AND STATE IN (?,?)";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, JobState.FAILED.name());
            ps.setString(2, "interrupted");
            ps.setTimestamp(3, Timestamp.from(now));
            ps.setString(4, backend);
            ps.setString(5, JobState.QUEUED.name());
            ps.setString(6, JobState.RUNNING.name());
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new JobException("cannot mark interrupted jobs in the database: " + e.getMessage(), e);
        }
    }

    private static JobStatus read(ResultSet rs) throws SQLException {
        Optional<JobResult> result = Optional.empty();
        long itemsOk = rs.getLong("ITEMS_OK");
        if (!rs.wasNull()) {
            String summary = rs.getString("SUMMARY");
            result = Optional.of(new JobResult(
                    itemsOk,
                    rs.getLong("BYTES_DONE"),
                    decodeErrors(rs.getString("ERRORS")),
                    summary == null ? "" : summary));
        }
        return new JobStatus(
                rs.getString("ID"),
                rs.getString("JOB_TYPE"),
                rs.getString("DESCRIPTION"),
                rs.getString("BACKEND"),
                JobState.valueOf(rs.getString("STATE")),
                rs.getString("REASON"),
                new JobProgress(
                        rs.getLong("ITEMS_DONE"),
                        rs.getLong("ITEMS_TOTAL"),
                        rs.getLong("BYTES_DONE"),
                        rs.getLong("BYTES_TOTAL"),
                        "",
                        0,
                        0),
                rs.getTimestamp("CREATED").toInstant(),
                Optional.ofNullable(rs.getTimestamp("STARTED")).map(Timestamp::toInstant),
                Optional.ofNullable(rs.getTimestamp("FINISHED")).map(Timestamp::toInstant),
                result);
    }

    /** One error per line, fields separated by tabs; the first errors only, within the column size. */
    static String encodeErrors(List<ItemError> errors) {
        StringBuilder sb = new StringBuilder();
        int n = 0;
        for (ItemError e : errors) {
            String line = clean(e.item()) + '\t' + clean(e.reason()) + '\t' + clean(e.message()) + '\n';
            if (n++ >= MAX_STORED_ERRORS || sb.length() + line.length() > MAX_TEXT) {
                break;
            }
            sb.append(line);
        }
        return sb.toString();
    }

    static List<ItemError> decodeErrors(String text) {
        List<ItemError> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        for (String line : text.split("\n")) {
            String[] f = line.split("\t", 3);
            if (f.length == 3 && !f[1].isBlank()) {
                out.add(new ItemError(f[0], f[1], f[2]));
            }
        }
        return out;
    }

    private static String clean(String s) {
        return s.replace('\t', ' ').replace('\n', ' ');
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
