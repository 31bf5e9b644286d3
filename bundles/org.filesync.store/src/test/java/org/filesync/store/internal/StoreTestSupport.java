package org.filesync.store.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.persistence.EntityManagerFactory;
import org.filesync.api.ConduitSpec;
import org.filesync.api.ConflictSide;
import org.filesync.api.Generation;
import org.filesync.store.BaselineChanges;
import org.filesync.store.DetectedConflict;
import org.filesync.store.SequenceCheckpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** The store opened on a real embedded Derby database for each test, and what its tests share. */
abstract class StoreTestSupport {

    @TempDir
    Path root;

    EntityManagerFactory emf;

    JpaStore store;

    @BeforeEach
    void openStore() {
        emf = StoreFixture.open(root);
        store = new JpaStore(emf);
    }

    @AfterEach
    void closeStore() {
        emf.close();
    }

    void reopen() {
        emf.close();
        emf = StoreFixture.open(root);
        store = new JpaStore(emf);
    }

    ConduitSpec spec(String source, String target) throws IOException {
        return ConduitSpec.of(dir(source).toString(), dir(target).toString());
    }

    Path dir(String name) throws IOException {
        return Files.createDirectories(root.resolve(name));
    }

    /** Starts a generation and completes it with the checkpoint, as a verified run does. */
    void agree(long conduitId, SequenceCheckpoint checkpoint) {
        Generation started = store.startGeneration(conduitId, Instant.now(), List.of());
        store.completeGeneration(completed(started), BaselineChanges.NONE, Set.of(), Optional.of(checkpoint));
    }

    /** Starts a generation and completes it, applying the users' decisions at the paths. */
    void applyDecisions(long conduitId, Set<String> paths) {
        Generation started = store.startGeneration(conduitId, Instant.now(), List.of());
        store.completeGeneration(completed(started), BaselineChanges.NONE, paths, Optional.empty());
    }

    static Generation completed(Generation started) {
        return new Generation(
                started.conduitId(),
                started.number(),
                started.started(),
                Optional.of(started.started()),
                Generation.Phase.COMPLETED,
                0,
                0,
                0,
                0,
                List.of(),
                Generation.VERIFIED,
                Optional.of(started.started()),
                0,
                List.of());
    }

    /** A conflict the {@code prompt} strategy left pending. */
    static DetectedConflict pending(
            String path, String type, Optional<ConflictSide> source, Optional<ConflictSide> target) {
        return new DetectedConflict(path, type, source, target, Optional.empty(), "prompt");
    }
}
