package org.filesync.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import javax.inject.Inject;
import org.filesync.api.Conduit;
import org.filesync.api.ConduitOptions;
import org.filesync.api.ConduitSpec;
import org.filesync.api.Generation;
import org.filesync.api.InvalidOptionException;
import org.filesync.api.PathConflict;
import org.filesync.api.SyncRefusedException;
import org.filesync.api.path.EntryFacts;
import org.filesync.conflict.ConflictStrategies;
import org.filesync.resolver.Displace;
import org.filesync.resolver.Plan;
import org.filesync.resolver.ResolutionContext;
import org.filesync.resolver.Resolver;
import org.filesync.resolver.Side;
import org.filesync.resolver.SideStats;
import org.filesync.resolver.SyncMode;
import org.filesync.resolver.conflict.Conflict;
import org.filesync.resolver.conflict.ConflictDecision;
import org.filesync.resolver.conflict.ConflictStrategy;
import org.filesync.transfer.DeleteStrategy;
import org.filesync.transfer.Layout;
import org.filesync.transfer.TransferService;
import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.ops4j.pax.exam.util.Filter;
import org.osgi.framework.ServiceRegistration;

/**
 * Plug-ins another bundle registers at run time (docs/architecture.md): a {@link DeleteStrategy}, a {@link
 * ConflictStrategy} and a {@link SyncMode}, each registered from the test bundle, chosen by a
 * conduit by name, and observed in the files; once unregistered the conduit's runs are refused with
 * an error naming the plug-in, and once it is back the conduit works again.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ThirdPartyPluginsIT extends FileSyncTestSupport {
    private static final FileTime NEWEST = FileTime.from(Instant.parse("2022-01-01T00:00:00Z"));

    @Inject
    @Filter(timeout = SERVICE_TIMEOUT_MILLIS)
    protected Resolver resolver;

    @Inject
    @Filter(timeout = SERVICE_TIMEOUT_MILLIS)
    protected ConflictStrategies conflictStrategies;

    @Inject
    @Filter(timeout = SERVICE_TIMEOUT_MILLIS)
    protected TransferService transfer;

    @Inject
    @Filter(value = "(" + SyncMode.PROPERTY + "=mirror)", timeout = SERVICE_TIMEOUT_MILLIS)
    protected SyncMode mirror;

    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();

    @After
    public void unregisterPlugins() {
        for (ServiceRegistration<?> registration : registrations) {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyUnregistered) {
                // the test took it away itself
            }
        }
        registrations.clear();
    }

    // --- a delete strategy ---

    @Test
    public void aDeleteStrategyRegisteredAtRuntimeTakesTheConduitsDeletes() throws Exception {
        registerQuarantine();
        Conduit conduit = mirrorWith(ConduitOptions.defaults().withDeleteStrategy(Quarantine.NAME), "a.txt", "b.txt");
        Files.delete(conduit.source().resolve("b.txt"));

        Generation generation = syncVerified(conduit);

        assertEquals(1, generation.filesDeleted());
        assertFalse(Files.exists(conduit.target().resolve("b.txt"), LinkOption.NOFOLLOW_LINKS));
        assertEquals("b.txt", Files.readString(Quarantine.kept(conduit.target(), generation, "b.txt")));
        assertFalse("the trash is not used", Files.exists(Layout.trash(conduit.target(), "" + generation.number())));
        assertEquals("a.txt", Files.readString(conduit.target().resolve("a.txt")));
    }

    @Test
    public void aConduitWhoseDeleteStrategyIsUnregisteredIsRefusedNamingItUntilItReturns() throws Exception {
        ServiceRegistration<DeleteStrategy> quarantine = registerQuarantine();
        Conduit conduit = mirrorWith(ConduitOptions.defaults().withDeleteStrategy(Quarantine.NAME), "a.txt", "b.txt");

        unregister(quarantine, () -> !transfer.deleteStrategies().contains(Quarantine.NAME));
        Files.delete(conduit.source().resolve("b.txt"));
        assertRefusedNaming(conduit, "delete strategy '" + Quarantine.NAME + "'");
        assertEquals("b.txt", Files.readString(conduit.target().resolve("b.txt")));

        registerQuarantine();
        Generation generation = syncVerified(conduit);
        assertFalse(Files.exists(conduit.target().resolve("b.txt"), LinkOption.NOFOLLOW_LINKS));
        assertEquals("b.txt", Files.readString(Quarantine.kept(conduit.target(), generation, "b.txt")));
    }

    // --- a conflict strategy ---

    @Test
    public void aConflictStrategyRegisteredAtRuntimeDecidesTheConduitsConflicts() throws Exception {
        registerLargerWins();
        Conduit conduit = bidirectionalWith(LargerWins.NAME, "a.txt");
        // newest-wins would keep the source's edit: the larger strategy keeps the target's
        write(conduit.source().resolve("a.txt"), "short, newest", NEWEST);
        write(conduit.target().resolve("a.txt"), "the longer edit, made earlier", NEWER);

        Generation generation = syncVerified(conduit);

        assertEquals(1, generation.conflicts());
        assertEquals(
                "the longer edit, made earlier",
                Files.readString(conduit.source().resolve("a.txt")));
        assertEquals(
                "the longer edit, made earlier",
                Files.readString(conduit.target().resolve("a.txt")));
        List<PathConflict> conflicts = fileSync.conflictHistory(conduit.id());
        assertEquals(1, conflicts.size());
        assertEquals(Optional.of(LargerWins.NAME), conflicts.get(0).resolvedBy());
    }

    @Test
    public void aConduitWhoseConflictStrategyIsUnregisteredIsRefusedNamingItUntilItReturns() throws Exception {
        ServiceRegistration<ConflictStrategy> largerWins = registerLargerWins();
        Conduit conduit = bidirectionalWith(LargerWins.NAME, "a.txt");

        unregister(largerWins, () -> !conflictStrategies.names().contains(LargerWins.NAME));
        write(conduit.source().resolve("a.txt"), "short, newest", NEWEST);
        write(conduit.target().resolve("a.txt"), "the longer edit, made earlier", NEWER);
        assertRefusedNaming(conduit, "Conflict strategy '" + LargerWins.NAME + "'");
        assertEquals("short, newest", Files.readString(conduit.source().resolve("a.txt")));

        registerLargerWins();
        syncVerified(conduit);
        assertEquals(
                "the longer edit, made earlier",
                Files.readString(conduit.source().resolve("a.txt")));
    }

    // --- a sync mode ---

    @Test
    public void aSyncModeRegisteredAtRuntimePlansTheConduitsRuns() throws Exception {
        registerAddOnly();
        Path source = newDirectory("src");
        Path target = newDirectory("dst");
        write(source.resolve("a.txt"), "a.txt", OLD);
        write(target.resolve("only-in-target.txt"), "kept", OLD);
        Conduit conduit = fileSync.createConduit(new ConduitSpec(
                source.toString(),
                target.toString(),
                ConduitOptions.defaults().withMode(AddOnly.NAME).withMaxDeletePercent(100)));

        Generation generation = syncVerified(conduit);

        // a mirror would have deleted the target's own file: this mode only adds
        assertEquals(1, generation.filesCopied());
        assertEquals(0, generation.filesDeleted());
        assertEquals("a.txt", Files.readString(target.resolve("a.txt")));
        assertEquals("kept", Files.readString(target.resolve("only-in-target.txt")));
    }

    @Test
    public void aConduitWhoseSyncModeIsUnregisteredIsRefusedNamingItUntilItReturns() throws Exception {
        ServiceRegistration<SyncMode> addOnly = registerAddOnly();
        Path source = newDirectory("src");
        Path target = newDirectory("dst");
        write(target.resolve("only-in-target.txt"), "kept", OLD);
        Conduit conduit = fileSync.createConduit(new ConduitSpec(
                source.toString(), target.toString(), ConduitOptions.defaults().withMode(AddOnly.NAME)));

        unregister(addOnly, () -> !resolver.modes().contains(AddOnly.NAME));
        write(source.resolve("a.txt"), "a.txt", OLD);
        assertRefusedNaming(conduit, "sync mode '" + AddOnly.NAME + "'");
        assertFalse(Files.exists(target.resolve("a.txt")));

        registerAddOnly();
        syncVerified(conduit);
        assertEquals("a.txt", Files.readString(target.resolve("a.txt")));
        assertEquals("kept", Files.readString(target.resolve("only-in-target.txt")));
    }

    // --- creating a conduit ---

    @Test
    public void aConduitMayNameAPluginOnlyWhileItIsRegistered() throws Exception {
        ConduitSpec spec = new ConduitSpec(
                newDirectory("src").toString(),
                newDirectory("dst").toString(),
                ConduitOptions.defaults().withDeleteStrategy(Quarantine.NAME));
        InvalidOptionException refused = assertThrows(InvalidOptionException.class, () -> fileSync.createConduit(spec));
        assertTrue(refused.getMessage(), refused.getMessage().startsWith("Unknown delete '" + Quarantine.NAME + "'"));
        assertTrue(fileSync.listConduits().isEmpty());

        registerQuarantine();
        assertEquals(Quarantine.NAME, fileSync.createConduit(spec).options().deleteStrategy());
    }

    // --- the plug-ins, small and real ---

    /** Moves what a conduit deletes into a folder of its own, {@code .filesync/quarantine/<generation>/}. */
    static final class Quarantine implements DeleteStrategy {
        static final String NAME = "quarantine";

        static Path kept(Path endpoint, Generation generation, String path) {
            return endpoint.resolve(Layout.FOLDER)
                    .resolve(NAME)
                    .resolve(Long.toString(generation.number()))
                    .resolve(path);
        }

        private static Path keptPath(Path endpoint, Path entry, String generation) {
            return endpoint.resolve(Layout.FOLDER)
                    .resolve(NAME)
                    .resolve(generation)
                    .resolve(endpoint.relativize(entry));
        }

        @Override
        public void remove(Path endpoint, Path entry, String generation) throws IOException {
            if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                Files.delete(entry); // empty, its content already quarantined
                return;
            }
            Path kept = keptPath(endpoint, entry, generation);
            Files.createDirectories(kept.getParent());
            Files.move(entry, kept, StandardCopyOption.ATOMIC_MOVE);
        }

        @Override
        public void keepReplaced(Path endpoint, Path existing, String generation) throws IOException {
            Path kept = keptPath(endpoint, existing, generation);
            Files.createDirectories(kept.getParent());
            Files.copy(existing, kept, LinkOption.NOFOLLOW_LINKS, StandardCopyOption.COPY_ATTRIBUTES);
        }
    }

    /** The larger side wins a conflict (the source on a tie); a deletion loses to any content. */
    static final class LargerWins implements ConflictStrategy {
        static final String NAME = "larger-wins";

        @Override
        public ConflictDecision decide(Conflict conflict) {
            long source = conflict.source().map(EntryFacts::size).orElse(-1L);
            long target = conflict.target().map(EntryFacts::size).orElse(-1L);
            return ConflictDecision.wins(target > source ? Side.TARGET : Side.SOURCE);
        }
    }

    /** A mirror that never removes anything: what the mirror mode plans, less its deletes and displacements. */
    static final class AddOnly implements SyncMode {
        static final String NAME = "add-only";

        private final SyncMode mirror;

        AddOnly(SyncMode mirror) {
            this.mirror = mirror;
        }

        @Override
        public Plan resolve(ResolutionContext context) {
            Plan plan = mirror.resolve(context);
            return new Plan(
                    plan.conduitId(),
                    NAME,
                    plan.resolution(),
                    plan.checkpoint(),
                    plan.copies().stream()
                            .filter(operation -> !(operation instanceof Displace))
                            .toList(),
                    List.of(),
                    plan.skipped(),
                    removingNothing(plan.source()),
                    removingNothing(plan.target()));
        }

        private static SideStats removingNothing(SideStats side) {
            return new SideStats(side.entries(), side.files(), 0, 0);
        }
    }

    private ServiceRegistration<DeleteStrategy> registerQuarantine() throws InterruptedException {
        return register(
                DeleteStrategy.class,
                new Quarantine(),
                DeleteStrategy.PROPERTY,
                Quarantine.NAME,
                () -> transfer.deleteStrategies().contains(Quarantine.NAME));
    }

    private ServiceRegistration<ConflictStrategy> registerLargerWins() throws InterruptedException {
        return register(
                ConflictStrategy.class,
                new LargerWins(),
                ConflictStrategy.PROPERTY,
                LargerWins.NAME,
                () -> conflictStrategies.names().contains(LargerWins.NAME));
    }

    private ServiceRegistration<SyncMode> registerAddOnly() throws InterruptedException {
        return register(SyncMode.class, new AddOnly(mirror), SyncMode.PROPERTY, AddOnly.NAME, () -> resolver.modes()
                .contains(AddOnly.NAME));
    }

    /** Registers a plug-in from the test bundle and waits until its owner lists it. */
    private <T> ServiceRegistration<T> register(
            Class<T> type, T plugin, String property, String name, BooleanSupplier listed) throws InterruptedException {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(property, name);
        ServiceRegistration<T> registration = bundleContext.registerService(type, plugin, properties);
        registrations.add(registration);
        awaitCondition("the " + name + " plug-in to be listed by its owner", listed);
        return registration;
    }

    /** Unregisters a plug-in and waits until its owner no longer lists it. */
    private void unregister(ServiceRegistration<?> registration, BooleanSupplier unlisted) throws InterruptedException {
        registration.unregister();
        awaitCondition("the plug-in to be gone from its owner", unlisted);
    }

    // --- conduits ---

    /** A mirror conduit whose first run copied the files (content = path). */
    private Conduit mirrorWith(ConduitOptions options, String... files) throws Exception {
        Path source = newDirectory("src");
        Path target = newDirectory("dst");
        for (String file : files) {
            write(source.resolve(file), file, OLD);
        }
        Conduit conduit = fileSync.createConduit(
                new ConduitSpec(source.toString(), target.toString(), options.withMaxDeletePercent(100)));
        assertEquals(files.length, syncVerified(conduit).filesCopied());
        return conduit;
    }

    /** A bidirectional conduit with that conflict strategy, whose first run agreed on the files. */
    private Conduit bidirectionalWith(String strategy, String... files) throws Exception {
        return mirrorWith(ConduitOptions.defaults().withMode("bidirectional").withConflictStrategy(strategy), files);
    }

    private Generation syncVerified(Conduit conduit) throws InterruptedException {
        Generation generation = fileSync.syncNow(conduit.id(), false).await(RUN_TIMEOUT);
        assertEquals(generation.errors().toString(), Generation.Phase.COMPLETED, generation.phase());
        assertEquals(Generation.VERIFIED, generation.verification());
        return generation;
    }

    /** The run is refused with a message naming the plug-in, and so is a dry run. */
    private void assertRefusedNaming(Conduit conduit, String plugin) {
        SyncRefusedException refused =
                assertThrows(SyncRefusedException.class, () -> fileSync.syncNow(conduit.id(), false));
        assertTrue(refused.getMessage(), refused.getMessage().contains(plugin));
        SyncRefusedException dryRun = assertThrows(SyncRefusedException.class, () -> fileSync.dryRun(conduit.id()));
        assertEquals(refused.getMessage(), dryRun.getMessage());
    }
}
