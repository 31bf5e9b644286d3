package org.filesync.transfer.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.filesync.api.plugin.RankedPlugins;
import org.filesync.jobs.JobHandle;
import org.filesync.jobs.JobManager;
import org.filesync.transfer.CleanupReport;
import org.filesync.transfer.CopyRequest;
import org.filesync.transfer.DeleteRequest;
import org.filesync.transfer.DeleteStrategy;
import org.filesync.transfer.Layout;
import org.filesync.transfer.TransferException;
import org.filesync.transfer.TransferJob;
import org.filesync.transfer.TransferService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link TransferService}. Dispatches on the highest-ranked {@link JobManager} (a dynamic,
 * greedy reference: a newly registered higher-ranked backend takes the next jobs, jobs already
 * dispatched finish where they run) and picks delete strategies by {@value DeleteStrategy#PROPERTY}.
 * Configured by PID {@value #PID}.
 */
@Component(
        name = TransferServiceImpl.PID,
        configurationPid = TransferServiceImpl.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = TransferServiceImpl.Config.class)
public final class TransferServiceImpl implements TransferService {

    static final String PID = "org.filesync.transfer";
    private static final Logger LOG = LoggerFactory.getLogger(TransferServiceImpl.class);

    /** Configuration of copy jobs. */
    @ObjectClassDefinition(name = "filesync transfers", description = "How copy jobs make their files durable")
    public @interface Config {
        @AttributeDefinition(
                description = "auto (batched syncfs when available, else fsync per file), syncfs, or fsync")
        String durability() default "auto";

        @AttributeDefinition(description = "Files written between two flushes of a batched copy")
        int batchFiles() default 1000;

        @AttributeDefinition(description = "Bytes written between two flushes of a batched copy, in MiB")
        int batchMegabytes() default 128;
    }

    private final Optional<NativeFs> nativeFs;
    private volatile CopyJob.Settings settings;
    private final ActiveTemps activeTemps = new ActiveTemps();
    private final RankedPlugins<DeleteStrategy> strategies = new RankedPlugins<>(DeleteStrategy.PROPERTY);

    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile JobManager jobManager;

    @Activate
    public TransferServiceImpl(Config config) {
        this.nativeFs = NativeFs.load();
        this.settings = settings(config);
        LOG.info("Transfers ready: durability {}", settings.durability());
    }

    /** A changed configuration applies to the copy jobs created from now on; jobs under way keep theirs. */
    @Modified
    void modified(Config config) {
        try {
            settings = settings(config);
            LOG.info("Transfers: durability {} for the next copy jobs", settings.durability());
        } catch (IllegalArgumentException e) {
            LOG.warn("Transfers: configuration {} ignored: {}", PID, e.getMessage());
        }
    }

    private CopyJob.Settings settings(Config config) {
        Durability durability =
                switch (config.durability()) {
                    case "fsync" -> Durability.FSYNC_PER_FILE;
                    case "syncfs", "auto" -> nativeFs.isPresent() ? Durability.SYNCFS_BATCH : Durability.FSYNC_PER_FILE;
                    default -> throw new IllegalArgumentException(
                            "durability must be auto, syncfs or fsync, was " + config.durability());
                };
        return new CopyJob.Settings(
                durability,
                Math.max(1, config.batchFiles()),
                Math.max(1, config.batchMegabytes()) * (1L << 20),
                Copier.DEFAULT);
    }

    @Reference(
            cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY,
            unbind = "removeDeleteStrategy",
            updated = "updateDeleteStrategy")
    void addDeleteStrategy(DeleteStrategy strategy, Map<String, Object> props) {
        if (strategies.add(strategy, props).isEmpty()) {
            LOG.warn("Delete strategy {} has no {} property; ignored", strategy, DeleteStrategy.PROPERTY);
        }
    }

    void removeDeleteStrategy(DeleteStrategy strategy, Map<String, Object> props) {
        strategies.remove(props);
    }

    void updateDeleteStrategy(DeleteStrategy strategy, Map<String, Object> props) {
        strategies.update(strategy, props);
    }

    /** The strategy of that name with the highest ranking (then the lowest service id). */
    Optional<DeleteStrategy> strategy(String name) {
        return strategies.find(name);
    }

    @Override
    public Set<String> deleteStrategies() {
        return strategies.names();
    }

    @Override
    public TransferJob copyJob(CopyRequest request) {
        return new CopyJob(request, settings, nativeFs, this::strategy, activeTemps);
    }

    @Override
    public TransferJob deleteJob(DeleteRequest request) {
        String name = request.options().strategy();
        DeleteStrategy s = strategy(name)
                .orElseThrow(() -> new TransferException("no delete strategy '" + name + "' is registered"));
        return new DeleteJob(request, s);
    }

    @Override
    public JobHandle copy(CopyRequest request) {
        return manager().dispatch(copyJob(request));
    }

    @Override
    public JobHandle delete(DeleteRequest request) {
        return manager().dispatch(deleteJob(request));
    }

    private JobManager manager() {
        JobManager jm = jobManager;
        if (jm == null) {
            throw new TransferException("no JobManager is registered");
        }
        return jm;
    }

    @Override
    public CleanupReport cleanEndpoint(Path endpoint) {
        return clean(endpoint, activeTemps, strategies.all());
    }

    static CleanupReport clean(Path endpoint, ActiveTemps active, List<DeleteStrategy> strategies) {
        Path root = endpoint.normalize();
        Path tmp = Layout.tmp(root);
        int removed = 0;
        try {
            if (Files.isDirectory(tmp, LinkOption.NOFOLLOW_LINKS)
                    && !Files.isSymbolicLink(root.resolve(Layout.FOLDER))) {
                try (DirectoryStream<Path> ds = Files.newDirectoryStream(tmp)) {
                    for (Path p : ds) {
                        if (!active.isActive(p.getFileName().toString())) {
                            TrashDeleteStrategy.deleteTree(p);
                            removed++;
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new TransferException("cannot clean " + tmp + ": " + e.getMessage(), e);
        }
        int purged = 0;
        for (DeleteStrategy s : strategies) {
            try {
                purged += s.purge(root);
            } catch (IOException e) {
                LOG.warn("Cannot purge the trash of {}: {}", root, e.getMessage());
            }
        }
        if (removed > 0) {
            LOG.info("Removed {} leftover temp file(s) from {}", removed, tmp);
        }
        return new CleanupReport(removed, purged);
    }
}
