package org.filesync.store.internal;

import java.io.Serializable;
import java.util.Objects;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.IdClass;
import javax.persistence.Table;

/**
 * A baseline row. The migrations create the table ({@link InitialSchema}); rows are written and read
 * in bulk through JDBC ({@link BaselineTable}), keyed by {@link BaselineTable#key} so that a long path
 * still fits an index key.
 */
@Entity
@Table(name = BaselineTable.TABLE)
@IdClass(BaselineEntity.Key.class)
class BaselineEntity {

    @Id
    @Column(name = "CONDUIT_ID")
    long conduitId;

    @Id
    @Column(name = "PATH_KEY", length = 241)
    String pathKey;

    @Column(name = "PATH", length = 32000, nullable = false)
    String path;

    @Column(name = "KIND", length = 16, nullable = false)
    String kind;

    @Column(name = "FSIZE")
    long size;

    @Column(name = "MTIME")
    long mtimeNanos;

    @Column(name = "FMODE")
    int mode;

    @Column(name = "HASH", length = 128)
    String hash;

    @Column(name = "LINK_TARGET", length = 8192)
    String symlinkTarget;

    /** The composite key. */
    public static final class Key implements Serializable {
        private static final long serialVersionUID = 1L;

        public long conduitId;
        public String pathKey;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.conduitId == conduitId && Objects.equals(key.pathKey, pathKey);
        }

        @Override
        public int hashCode() {
            return Objects.hash(conduitId, pathKey);
        }
    }
}
