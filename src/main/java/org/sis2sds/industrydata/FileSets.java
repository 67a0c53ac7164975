package org.sis2sds.industrydata;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import javax.sql.DataSource;

/**
 * The file set of the last upload SDS validated per inbound flow (table {@code flow_file_sets}, migration V5).
 * SDS marks everything in a file that stops coming as inactive (research industrydata.md §5.3), so a batch must send
 * the same files every time.
 */
public final class FileSets {
    private final java.util.function.Supplier<DataSource> sync;

    /** @param sync the sync database's pool (looked up when first needed: the sync area makes it) */
    public FileSets(java.util.function.Supplier<DataSource> sync) {
        this.sync = sync;
    }

    /** The names SDS last validated for the flow (sorted), if any upload was validated yet. */
    public Optional<List<String>> last(String flowId) {
        try (Connection c = sync.get().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT files FROM flow_file_sets WHERE flow_id = ?")) {
            ps.setString(1, flowId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(List.copyOf(new TreeSet<>(Arrays.asList(rs.getString(1).split(",")))))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("The sync database cannot be read: " + e.getMessage(), e);
        }
    }

    /** Records the set SDS just validated for the flow. */
    public void accepted(String flowId, List<String> files, String batchId) {
        String set = String.join(",", new TreeSet<>(files));
        try (Connection c = sync.get().getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement del = c.prepareStatement("DELETE FROM flow_file_sets WHERE flow_id = ?");
                 PreparedStatement ins = c.prepareStatement("INSERT INTO flow_file_sets (flow_id, files, batch_id, "
                         + "accepted_at) VALUES (?,?,?,?)")) {
                del.setString(1, flowId);
                del.executeUpdate();
                ins.setString(1, flowId);
                ins.setString(2, set);
                ins.setString(3, batchId);
                ins.setObject(4, OffsetDateTime.now(ZoneOffset.UTC));
                ins.executeUpdate();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("The sync database cannot be written: " + e.getMessage(), e);
        }
    }
}
