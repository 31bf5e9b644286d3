package org.filesync.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.filesync.api.path.EntryFacts;
import org.filesync.api.path.EntryKind;
import org.junit.jupiter.api.Test;

class ValuesTest {

    private static IndexEntry entry(String path, int mode) {
        return new IndexEntry(
                path,
                new EntryFacts(EntryKind.FILE, 1, 2, mode, Optional.empty(), Optional.empty()),
                3,
                4,
                false,
                Optional.empty());
    }

    @Test
    void permissionsFollowTheModeBits() {
        assertEquals(
                PosixFilePermissions.fromString("rwxr-x---"), entry("a", 0750).permissions());
        assertEquals(
                PosixFilePermissions.fromString("rw-r--r--"), entry("a", 0644).permissions());
        assertTrue(entry("a", -1).permissions().isEmpty());
    }

    @Test
    void pathsAreRelativeAndNamed() {
        assertEquals("c.txt", entry("a/b/c.txt", 0644).name());
        assertThrows(IllegalArgumentException.class, () -> entry("", 0644));
        assertThrows(IllegalArgumentException.class, () -> entry("/a", 0644));
        assertThrows(IllegalArgumentException.class, () -> entry("a/", 0644));
    }

    @Test
    void statusSaysWhatIsPending() {
        Path root = Path.of("/data");
        assertTrue(new IndexStatus(root, 0, 0, 0, 7, Optional.empty()).settled());
        IndexStatus busy = new IndexStatus(root, 1, 3, 1200, 7, Optional.empty());
        assertFalse(busy.settled());
        assertEquals(
                "/data: 1 scan running or queued (1200 paths visited); 3 paths with watcher events pending",
                busy.describe());
        IndexStatus broken = new IndexStatus(root, 0, 0, 0, 7, Optional.of("root /data is missing"));
        assertFalse(broken.settled());
        assertEquals("/data: error: root /data is missing", broken.describe());
    }

    @Test
    void changesAreNeverEmpty() {
        assertThrows(IllegalArgumentException.class, () -> new IndexChange(Path.of("/x"), 5, 5));
        assertEquals(6, new IndexChange(Path.of("/x"), 5, 6).last());
    }
}
