package org.filesync.shell.internal;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.filesync.api.Conduit;
import org.filesync.api.ConduitNotFoundException;
import org.filesync.api.ConflictPlan;
import org.filesync.api.FileSyncException;
import org.filesync.api.Generation;
import org.filesync.api.PlannedOperation;
import org.filesync.api.PrintablePaths;
import org.filesync.api.SyncHandle;
import org.filesync.api.SyncPlan;

/** {@code filesync:sync}: starts a run (or shows its plan) and optionally waits for its end. */
@Service
@Command(scope = "filesync", name = "sync", description = "Sync a conduit now")
public class SyncCommand extends ConduitCommand {

    @Option(name = "--wait", description = "Show progress and wait until the run (and its verification) ends")
    boolean await;

    @Option(name = "--dry-run", description = "Print the plan and change nothing")
    boolean dryRun;

    @Option(
            name = "--force",
            description = "Run (or plan, with --dry-run) even if the plan deletes more than the conduit's max-delete"
                    + " share or an endpoint lost its marker")
    boolean force;

    @Override
    Object run() throws InterruptedException {
        long conduitId = conduitId();
        if (dryRun) {
            printPlan(conduitId);
            return null;
        }
        SyncHandle handle = service.syncNow(conduitId, force);
        println("Generation " + handle.generation() + " started");
        if (!await) {
            return null;
        }
        Generation finished = waitFor(handle);
        printIgnored(finished.ignored(), finished.warnings()); // before the summary: scripts read its last line
        println(String.format(
                Locale.ROOT,
                "generation=%d copied=%d deleted=%d moved=%d conflicts=%d bytes=%d elapsed=%s status=%s",
                finished.number(),
                finished.filesCopied(),
                finished.filesDeleted(),
                finished.filesMoved(),
                finished.conflicts(),
                finished.bytes(),
                Text.seconds(handle.elapsed()),
                finished.verification()));
        if (finished.phase() == Generation.Phase.FAILED || finished.verificationFailed()) {
            throw new FileSyncException("Generation " + finished.number() + " of conduit " + conduitId + " failed: "
                    + (finished.errors().isEmpty() ? finished.verification() : Text.failure(finished)));
        }
        return null;
    }

    /**
     * The plan, refused as the real run would be (same checks, same message): one line per operation,
     * one per conflict with its type and what the conduit's strategy does with it, then the summary.
     */
    private void printPlan(long conduitId) {
        Conduit conduit = service.getConduit(conduitId).orElseThrow(() -> new ConduitNotFoundException(conduitId));
        long start = System.nanoTime();
        SyncPlan plan = service.dryRun(conduitId, force);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        for (PlannedOperation operation : plan.operations()) {
            if (operation.from().isPresent()) {
                println("move " + PrintablePaths.printable(operation.from().get()) + " -> "
                        + PrintablePaths.printable(operation.path()));
                continue;
            }
            println(String.format(
                    Locale.ROOT,
                    "%-9s %s %s",
                    operation.action(),
                    operation.toTarget() ? "->" : "<-",
                    PrintablePaths.printable(operation.path())));
        }
        for (ConflictPlan conflict : plan.conflictPlans()) {
            println(String.format(
                    Locale.ROOT,
                    "%-9s <> %s",
                    "conflict",
                    Text.conflict(conflict, conduit.options().deleteStrategy())));
        }
        printIgnored(plan.ignored(), plan.kept());
        if (await) {
            // A dry run records no generation: the summary names none.
            println(String.format(
                    Locale.ROOT,
                    "generation=- copied=%d deleted=%d moved=%d conflicts=%d bytes=%d elapsed=%s status=dry-run",
                    plan.copies(),
                    plan.deletes(),
                    plan.moves(),
                    plan.conflicts(),
                    plan.bytes(),
                    Text.seconds(elapsed)));
        } else {
            println("Dry run: " + plan.counts() + "; nothing changed");
        }
    }

    /** What the ignore rules kept out and the directories kept for them, one line each. */
    private void printIgnored(long ignored, List<String> warnings) {
        if (ignored > 0) {
            println("ignored: " + ignored + (ignored == 1 ? " entry" : " entries") + " kept out by the ignore rules");
        }
        warnings.forEach(warning -> println("warning: " + warning));
    }

    /** Waits on the run's completion, printing a progress line each second while it runs. */
    private Generation waitFor(SyncHandle handle) throws InterruptedException {
        CompletableFuture<Generation> completion = handle.completion().toCompletableFuture();
        while (true) {
            try {
                return completion.get(1, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                println(Text.progress(handle.progress()));
            } catch (ExecutionException e) {
                throw new FileSyncException("Generation " + handle.generation() + " failed: "
                        + e.getCause().getMessage());
            }
        }
    }

    private void println(String line) {
        session.getConsole().println(line);
    }
}
