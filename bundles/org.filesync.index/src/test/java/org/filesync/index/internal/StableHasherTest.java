package org.filesync.index.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StableHasherTest {

    @TempDir
    Path dir;

    private final FileFacts facts = new FileFacts();

    @Test
    void aFileThatStaysTheSameWhileHashedGetsItsHashWithItsFacts() throws Exception {
        Path file = Files.writeString(dir.resolve("a.txt"), "content");
        Row stat = facts.read(file, "a.txt");

        StableHasher.Hashed h =
                new StableHasher(facts, new DigestHasher("SHA-256"), new WrittenWitnesses(10)).hash(file, stat);

        assertFalse(h.unstable());
        assertEquals(new DigestHasher("SHA-256").hash(file), h.row().hash());
        assertTrue(h.row().sameStat(stat));
    }

    @Test
    void aFileThatChangesOnceWhileHashedIsHashedAgainAndAFileThatKeepsChangingIsUnstable() throws Exception {
        Path file = Files.writeString(dir.resolve("busy.txt"), "v0");
        Row stat = facts.read(file, "busy.txt");
        AtomicInteger calls = new AtomicInteger();
        AtomicInteger changesLeft = new AtomicInteger(1);
        AtomicInteger touches = new AtomicInteger();
        ContentHasher touching = f -> {
            calls.incrementAndGet();
            if (changesLeft.getAndDecrement() > 0) {
                Files.setLastModifiedTime(f, FileTime.fromMillis(1_000_000L * touches.incrementAndGet()));
            }
            return "hash-" + calls.get();
        };
        StableHasher hasher = new StableHasher(facts, touching, new WrittenWitnesses(10));

        StableHasher.Hashed once = hasher.hash(file, stat);
        assertFalse(once.unstable());
        assertEquals("hash-2", once.row().hash());

        calls.set(0);
        changesLeft.set(Integer.MAX_VALUE);
        StableHasher.Hashed always = hasher.hash(file, facts.read(file, "busy.txt"));
        assertTrue(always.unstable());
        assertEquals(3, calls.get(), "three tries");
        assertEquals("changed while being hashed", always.row().error());
    }

    @Test
    void aFileThatVanishesHasNoRowAndAnUnreadableOneARowWithItsError() throws Exception {
        Path file = Files.writeString(dir.resolve("gone.txt"), "x");
        Row stat = facts.read(file, "gone.txt");
        Files.delete(file);
        assertNull(new StableHasher(facts, new DigestHasher("SHA-256"), new WrittenWitnesses(10))
                .hash(file, stat)
                .row());

        Path locked = Files.writeString(dir.resolve("locked.txt"), "x");
        ContentHasher denied = f -> {
            throw new AccessDeniedException(f.toString());
        };
        Row failed = new StableHasher(facts, denied, new WrittenWitnesses(10))
                .hash(locked, facts.read(locked, "locked.txt"))
                .row();
        assertEquals("permission denied", failed.error());
        assertNull(failed.hash());
    }

    @Test
    void theStoredHashHoldsOnlyForALiveErrorFreeRowWithTheSameSizeMtimeAndInode() {
        Row found = Row.facts("a", org.filesync.api.path.EntryKind.FILE, 3, 10, 0644, null, 7);
        Row stored = found.withHash("h");

        assertTrue(StableHasher.storedHashHolds(found, stored));
        assertEquals("h", StableHasher.unhashed(found, stored).hash());
        assertFalse(StableHasher.storedHashHolds(found, null));
        assertFalse(StableHasher.storedHashHolds(found, stored.tombstone()));
        assertFalse(StableHasher.storedHashHolds(found, stored.withError("denied")));
        Row touched = Row.facts("a", org.filesync.api.path.EntryKind.FILE, 3, 11, 0644, null, 7);
        assertFalse(StableHasher.storedHashHolds(touched, stored));
        assertNull(StableHasher.unhashed(touched, stored).hash());
    }
}
