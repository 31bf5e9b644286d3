package org.filesync.index.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.filesync.index.IndexException;

/**
 * The stored locations and their prune rules, through plain JDBC.
 *
 * <pre>
 * FSINDEX_LOCATION (ID, ROOT, LAST_FULL_SCAN)
 * FSINDEX_PRUNE    (LOC, RULESET, POS, PATTERN)  the rule sets of {@link Pruning}, one row per pattern
 *                  (an empty rule set is one row with a null pattern); primary key (LOC, RULESET, POS)
 * </pre>
 *
 * A location's entries ({@link EntryStore}) are deleted with it. Tables are created on first use and kept.
 */
final class LocationStore {

    static final String LOCATION_TABLE = "FSINDEX_LOCATION";
    static final String PRUNE_TABLE = "FSINDEX_PRUNE";
    /** The longest ignore pattern stored (the conduit options refuse longer ones). */
    static final int MAX_PATTERN = 1000;

    /** A location as stored. */
    record StoredLocation(int id, String root, Long lastFullScanMillis) {}

    private final IndexDatabase database;

    LocationStore(IndexDatabase database) {
        this.database = database;
    }

    /** Creates the tables unless they exist. */
    void createTables() {
        database.createUnlessExists(
                LOCATION_TABLE,
                "CREATE TABLE " + LOCATION_TABLE
                        + " (ID INT NOT NULL PRIMARY KEY, ROOT VARCHAR(8192) NOT NULL, LAST_FULL_SCAN BIGINT)");
        database.createUnlessExists(
                PRUNE_TABLE,
                "CREATE TABLE " + PRUNE_TABLE + " (LOC INT NOT NULL, RULESET INT NOT NULL,"
                        + " POS INT NOT NULL, PATTERN VARCHAR(" + MAX_PATTERN + "),"
                        + " PRIMARY KEY (LOC, RULESET, POS))");
    }

    List<StoredLocation> locations() {
        return database.query(
                "SELECT ID, ROOT, LAST_FULL_SCAN FROM " + LOCATION_TABLE + " ORDER BY ID", ps -> {}, rs -> {
                    long last = rs.getLong(3);
                    return new StoredLocation(rs.getInt(1), rs.getString(2), rs.wasNull() ? null : last);
                });
    }

    int insertLocation(String root) {
        try (Connection c = database.unpooledConnection()) {
            c.setAutoCommit(false);
            int id;
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT MAX(ID) FROM " + LOCATION_TABLE)) {
                rs.next();
                id = rs.getInt(1) + 1;
            }
            for (String table : new String[] {EntryStore.ENTRY_TABLE, PRUNE_TABLE}) {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE LOC = ?")) {
                    ps.setInt(1, id);
                    ps.executeUpdate();
                }
            }
            try (PreparedStatement ps =
                    c.prepareStatement("INSERT INTO " + LOCATION_TABLE + " (ID, ROOT) VALUES (?, ?)")) {
                ps.setInt(1, id);
                ps.setString(2, root);
                ps.executeUpdate();
            }
            c.commit();
            return id;
        } catch (SQLException e) {
            throw new IndexException("cannot store location " + root + ": " + e.getMessage(), e);
        }
    }

    void deleteLocation(int id) {
        try (Connection c = database.unpooledConnection()) {
            c.setAutoCommit(false);
            for (String table : new String[] {EntryStore.ENTRY_TABLE, PRUNE_TABLE}) {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE LOC = ?")) {
                    ps.setInt(1, id);
                    ps.executeUpdate();
                }
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + LOCATION_TABLE + " WHERE ID = ?")) {
                ps.setInt(1, id);
                ps.executeUpdate();
            }
            c.commit();
        } catch (SQLException e) {
            throw new IndexException("cannot delete location " + id + ": " + e.getMessage(), e);
        }
    }

    /** The stored rule sets of each location that prunes (see {@link Pruning}), by location id. */
    Map<Integer, List<List<String>>> pruning() {
        Map<Integer, List<List<String>>> byLocation = new HashMap<>();
        database.query(
                "SELECT LOC, RULESET, PATTERN FROM " + PRUNE_TABLE + " ORDER BY LOC, RULESET, POS", ps -> {}, rs -> {
                    List<List<String>> sets = byLocation.computeIfAbsent(rs.getInt(1), id -> new ArrayList<>());
                    int set = rs.getInt(2);
                    while (sets.size() <= set) {
                        sets.add(new ArrayList<>());
                    }
                    String pattern = rs.getString(3);
                    if (pattern != null) {
                        sets.get(set).add(pattern);
                    }
                    return null;
                });
        return byLocation;
    }

    /** Replaces the stored rule sets of a location, in one transaction. */
    void setPruning(int id, List<List<String>> ruleSets) {
        try (Connection c = database.unpooledConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + PRUNE_TABLE + " WHERE LOC = ?")) {
                ps.setInt(1, id);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO " + PRUNE_TABLE + " (LOC, RULESET, POS, PATTERN) VALUES (?, ?, ?, ?)")) {
                for (int set = 0; set < ruleSets.size(); set++) {
                    List<String> patterns = ruleSets.get(set);
                    for (int pos = 0; pos < Math.max(1, patterns.size()); pos++) {
                        ps.setInt(1, id);
                        ps.setInt(2, set);
                        ps.setInt(3, pos);
                        if (patterns.isEmpty()) {
                            ps.setNull(4, Types.VARCHAR);
                        } else {
                            ps.setString(4, patterns.get(pos));
                        }
                        ps.addBatch();
                    }
                }
                ps.executeBatch();
            }
            c.commit();
        } catch (SQLException e) {
            throw new IndexException("cannot store the pruning of location " + id + ": " + e.getMessage(), e);
        }
    }

    void setLastFullScan(int id, long millis) {
        database.update("UPDATE " + LOCATION_TABLE + " SET LAST_FULL_SCAN = ? WHERE ID = ?", ps -> {
            ps.setLong(1, millis);
            ps.setInt(2, id);
        });
    }
}
