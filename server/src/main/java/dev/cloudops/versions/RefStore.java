package dev.cloudops.versions;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The rows of the names given to versions: tags, and branches with their base and head. */
@Repository
class RefStore {

    /** A tag (versionId: the tagged version) or a branch (versionId: its head; baseVersionId: its start). */
    record NamedRow(long id, String name, long versionId, Long baseVersionId, String createdBy, Instant createdAt) {}

    private final JdbcClient jdbc;

    RefStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // --- tags

    void insertTag(long resourceId, long versionId, String tag, String createdBy, Instant at) {
        jdbc.sql("INSERT INTO version_tags (resource_id, version_id, tag, created_by, created_at) VALUES (:r, :v,"
                        + " :t, :by, :at)")
                .param("r", resourceId)
                .param("v", versionId)
                .param("t", tag)
                .param("by", createdBy)
                .param("at", at.toEpochMilli())
                .update();
    }

    Optional<NamedRow> tag(long resourceId, String tag) {
        return jdbc.sql("SELECT id, tag, version_id, created_by, created_at FROM version_tags WHERE resource_id = :r"
                        + " AND tag = :t")
                .param("r", resourceId)
                .param("t", tag)
                .query(RefStore::tagRow)
                .optional();
    }

    List<NamedRow> tags(long resourceId) {
        return jdbc.sql("SELECT id, tag, version_id, created_by, created_at FROM version_tags WHERE resource_id = :r"
                        + " ORDER BY tag")
                .param("r", resourceId)
                .query(RefStore::tagRow)
                .list();
    }

    long countTags(long resourceId) {
        return jdbc.sql("SELECT COUNT(*) FROM version_tags WHERE resource_id = :r")
                .param("r", resourceId)
                .query(Long.class)
                .single();
    }

    /** The tags of the given versions, by version id. */
    Map<Long, List<String>> tagsOf(Collection<Long> versionIds) {
        Map<Long, List<String>> out = new HashMap<>();
        if (versionIds.isEmpty()) {
            return out;
        }
        jdbc.sql("SELECT version_id, tag FROM version_tags WHERE version_id IN (:ids) ORDER BY tag")
                .param("ids", versionIds)
                .query((rs, i) -> Map.entry(rs.getLong(1), rs.getString(2)))
                .list()
                .forEach(e -> out.computeIfAbsent(e.getKey(), k -> new java.util.ArrayList<>())
                        .add(e.getValue()));
        return out;
    }

    boolean deleteTag(long resourceId, String tag) {
        return jdbc.sql("DELETE FROM version_tags WHERE resource_id = :r AND tag = :t")
                        .param("r", resourceId)
                        .param("t", tag)
                        .update()
                > 0;
    }

    // --- branches

    void insertBranch(long resourceId, String name, long baseVersionId, String createdBy, Instant at) {
        jdbc.sql("INSERT INTO version_branches (resource_id, name, base_version_id, head_version_id, created_by,"
                        + " created_at) VALUES (:r, :n, :b, :b, :by, :at)")
                .param("r", resourceId)
                .param("n", name)
                .param("b", baseVersionId)
                .param("by", createdBy)
                .param("at", at.toEpochMilli())
                .update();
    }

    Optional<NamedRow> branch(long resourceId, String name) {
        return jdbc.sql("SELECT id, name, head_version_id, base_version_id, created_by, created_at FROM"
                        + " version_branches WHERE resource_id = :r AND name = :n")
                .param("r", resourceId)
                .param("n", name)
                .query(RefStore::branchRow)
                .optional();
    }

    List<NamedRow> branches(long resourceId) {
        return jdbc.sql("SELECT id, name, head_version_id, base_version_id, created_by, created_at FROM"
                        + " version_branches WHERE resource_id = :r ORDER BY name")
                .param("r", resourceId)
                .query(RefStore::branchRow)
                .list();
    }

    /** Moves a branch's head, only if it still is {@code expectedHead} (another commit may have moved it). */
    boolean moveBranch(long branchId, long expectedHead, long newHead) {
        return jdbc.sql("UPDATE version_branches SET head_version_id = :n WHERE id = :id AND head_version_id = :e")
                        .param("n", newHead)
                        .param("id", branchId)
                        .param("e", expectedHead)
                        .update()
                == 1;
    }

    private static NamedRow tagRow(ResultSet rs, int i) throws SQLException {
        return new NamedRow(
                rs.getLong(1),
                rs.getString(2),
                rs.getLong(3),
                null,
                rs.getString(4),
                Instant.ofEpochMilli(rs.getLong(5)));
    }

    private static NamedRow branchRow(ResultSet rs, int i) throws SQLException {
        return new NamedRow(
                rs.getLong(1),
                rs.getString(2),
                rs.getLong(3),
                rs.getLong(4),
                rs.getString(5),
                Instant.ofEpochMilli(rs.getLong(6)));
    }
}
