package org.filesync.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.filesync.api.Conduit;
import org.filesync.api.path.EntryFacts;
import org.filesync.api.path.EntryKind;
import org.filesync.store.BaselineChanges;
import org.filesync.store.BaselineReader;
import org.filesync.store.BaselineRecord;
import org.junit.jupiter.api.Test;

/** A conduit's baseline in the store on a real embedded Derby. */
class BaselineStoreTest extends StoreTestSupport {

    @Test
    void aBaselineIsUpdatedPathByPathAndForgottenWithItsConduit() throws IOException {
        Conduit conduit = store.create(spec("a", "b"));
        try (BaselineReader reader = store.openBaseline(conduit.id())) {
            assertFalse(reader.any());
        }
        String longPath = "d/".repeat(1500) + "f.txt";
        BaselineRecord file = new BaselineRecord(
                "x.txt", new EntryFacts(EntryKind.FILE, 3, 42, 0644, Optional.empty(), Optional.of("ab")));
        BaselineRecord link = new BaselineRecord(
                longPath, new EntryFacts(EntryKind.SYMLINK, 1, 7, -1, Optional.of("x.txt"), Optional.empty()));
        store.updateBaseline(conduit.id(), BaselineChanges.of(List.of(file, link), List.of()));
        try (BaselineReader reader = store.openBaseline(conduit.id())) {
            assertTrue(reader.any());
            assertEquals(Optional.of(link), reader.entry(longPath));
            assertEquals(Optional.of(file), reader.entry("x.txt"));
            assertEquals(Optional.empty(), reader.entry("x.txt "));
        }
        BaselineRecord changed = new BaselineRecord(
                "x.txt", new EntryFacts(EntryKind.FILE, 4, 43, 0600, Optional.empty(), Optional.of("cd")));
        store.updateBaseline(conduit.id(), BaselineChanges.of(List.of(changed), List.of(longPath)));
        try (BaselineReader reader = store.openBaseline(conduit.id())) {
            assertEquals(List.of(changed), reader.all());
        }
        BaselineRecord added = new BaselineRecord(
                "y.txt", new EntryFacts(EntryKind.FILE, 1, 44, 0644, Optional.empty(), Optional.of("ef")));
        BaselineRecord directory = new BaselineRecord(
                "x.txt", new EntryFacts(EntryKind.DIRECTORY, 0, 45, 0755, Optional.empty(), Optional.empty()));
        store.updateBaseline(conduit.id(), BaselineChanges.of(List.of(added, directory), List.of()));
        try (BaselineReader reader = store.openBaseline(conduit.id())) {
            assertEquals(
                    Set.of(added, directory),
                    Set.copyOf(reader.all()),
                    "one call updates an existing path and adds a new one");
        }
        store.delete(conduit.id());
        try (BaselineReader reader = store.openBaseline(conduit.id())) {
            assertTrue(reader.all().isEmpty());
        }
    }
}
