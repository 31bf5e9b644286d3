package org.filesync.service.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.filesync.api.Conduit;
import org.filesync.api.Generation;
import org.filesync.store.ConduitStore;
import org.filesync.store.GenerationStore;
import org.filesync.transfer.TransferService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a stopped container left behind (docs/run.md): generations it left running become
 * {@code failed:interrupted}, and the temp files their copies left in each endpoint are removed.
 * Runs at activation, before any run of this instance starts.
 */
final class StartupRecovery implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(StartupRecovery.class);

    private final ConduitStore conduits;
    private final GenerationStore generations;
    private final TransferService transfer;

    StartupRecovery(ConduitStore conduits, GenerationStore generations, TransferService transfer) {
        this.conduits = conduits;
        this.generations = generations;
        this.transfer = transfer;
    }

    @Override
    public void run() {
        try {
            for (Conduit conduit : conduits.list()) {
                for (Path endpoint : List.of(conduit.source(), conduit.target())) {
                    if (Files.isDirectory(endpoint)) {
                        transfer.cleanEndpoint(endpoint);
                    }
                }
                for (Generation generation : generations.history(conduit.id())) {
                    if (!generation.phase().isFinal()) {
                        generations.saveGeneration(interrupted(generation));
                        LOG.warn("Conduit {} generation {} was interrupted", conduit.id(), generation.number());
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.error("Could not recover the state a previous run of the container left", e);
        }
    }

    private static Generation interrupted(Generation generation) {
        return new Generation(
                generation.conduitId(),
                generation.number(),
                generation.started(),
                Optional.of(Instant.now()),
                Generation.Phase.FAILED,
                generation.filesCopied(),
                generation.filesDeleted(),
                generation.filesMoved(),
                generation.conflicts(),
                generation.bytes(),
                generation.errors(),
                Generation.FAILED_PREFIX + "interrupted",
                Optional.empty(),
                generation.ignored(),
                generation.warnings(),
                generation.trigger());
    }
}
