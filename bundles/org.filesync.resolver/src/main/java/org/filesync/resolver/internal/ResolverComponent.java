package org.filesync.resolver.internal;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.filesync.api.path.EntryKind;
import org.filesync.api.plugin.RankedPlugins;
import org.filesync.index.FileIndex;
import org.filesync.index.IndexEntry;
import org.filesync.index.IndexException;
import org.filesync.index.IndexedLocation;
import org.filesync.resolver.Checkpoint;
import org.filesync.resolver.Endpoint;
import org.filesync.resolver.ModeUnavailableException;
import org.filesync.resolver.Plan;
import org.filesync.resolver.ResolveRequest;
import org.filesync.resolver.Resolver;
import org.filesync.resolver.ResolverException;
import org.filesync.resolver.Side;
import org.filesync.resolver.SyncMode;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Resolver} service: checks both ends in the index, reads their sequences, picks the
 * mode by name and lets it compute the plan.
 */
@Component(name = ResolverComponent.NAME, service = Resolver.class)
public final class ResolverComponent implements Resolver {

    static final String NAME = "org.filesync.resolver";
    private static final Logger LOG = LoggerFactory.getLogger(ResolverComponent.class);

    private final FileIndex index;
    private final RankedPlugins<SyncMode> modes = new RankedPlugins<>(SyncMode.PROPERTY);

    @Activate
    public ResolverComponent(@Reference(name = "index") FileIndex index) {
        this.index = index;
    }

    @Reference(
            name = "mode",
            service = SyncMode.class,
            cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY,
            unbind = "removeMode",
            updated = "updateMode")
    public void addMode(SyncMode mode, Map<String, Object> properties) {
        Set<String> names = modes.add(mode, properties);
        if (names.isEmpty()) {
            LOG.warn("Ignoring sync mode {} without a '{}' service property", mode, SyncMode.PROPERTY);
        } else {
            LOG.info("Sync mode '{}' available ({})", String.join("', '", names), serviceOf(properties));
        }
    }

    public void removeMode(SyncMode mode, Map<String, Object> properties) {
        Set<String> names = modes.remove(properties);
        if (!names.isEmpty()) {
            LOG.info("Sync mode '{}' removed ({})", String.join("', '", names), serviceOf(properties));
        }
    }

    public void updateMode(SyncMode mode, Map<String, Object> properties) {
        modes.update(mode, properties);
    }

    private static String serviceOf(Map<String, Object> properties) {
        return "service.id " + properties.get(RankedPlugins.SERVICE_ID) + ", ranking "
                + properties.getOrDefault(RankedPlugins.SERVICE_RANKING, 0);
    }

    @Override
    public Set<String> modes() {
        return modes.names();
    }

    @Override
    public boolean keepsBaseline(String mode) {
        return modes.find(mode)
                .orElseThrow(() -> new ModeUnavailableException(mode))
                .keepsBaseline();
    }

    @Override
    public Plan resolve(ResolveRequest request) {
        SyncMode mode = modes.find(request.mode()).orElseThrow(() -> new ModeUnavailableException(request.mode()));
        long started = System.nanoTime();
        try {
            // the sequences first: every change after them is seen by the next incremental resolution
            long sourceSequence = checkEnd(Side.SOURCE, request.source());
            long targetSequence = checkEnd(Side.TARGET, request.target());
            Checkpoint current = new Checkpoint(sourceSequence, targetSequence);
            Optional<Checkpoint> usable = usable(request, current);
            Plan plan;
            try (IndexResolutionContext context = new IndexResolutionContext(index, request, current, usable)) {
                plan = new IgnoredContent(index, request).apply(mode.resolve(context), context.ignoredInFullReads());
            }
            if (!plan.checkpoint().equals(current) || !plan.conduitId().equals(request.conduitId())) {
                throw new ResolverException(
                        "Sync mode '" + request.mode() + "' returned a plan for another resolution");
            }
            LOG.info(
                    "Resolved conduit {} ({}, {}): {} copy-phase operations ({} bytes), {} deletes, {} skipped, {} ignored in {} ms",
                    request.conduitId(),
                    request.mode(),
                    plan.resolution(),
                    plan.copies().size(),
                    plan.bytes(),
                    plan.deletes().size(),
                    plan.skipped().size(),
                    plan.ignored(),
                    (System.nanoTime() - started) / 1_000_000);
            return plan;
        } catch (IndexException | UnsupportedOperationException | IllegalArgumentException | IllegalStateException e) {
            throw new ResolverException(
                    "Resolution of conduit " + request.conduitId() + " failed: " + e.getMessage(), e);
        }
    }

    /** Refuses an end that is not indexed, in error or missing; returns its location's sequence. */
    private long checkEnd(Side side, Endpoint end) {
        String what = side == Side.SOURCE ? "Source" : "Target";
        IndexedLocation location = index.location(end.root())
                .orElseThrow(() -> new ResolverException(what + " " + end.path() + " is not indexed"));
        if (location.isError()) {
            throw new ResolverException(what + " " + end.path() + " cannot be read: " + location.state());
        }
        if (!end.prefix().isEmpty()) {
            Optional<IndexEntry> dir = index.entry(end.root(), end.prefix());
            if (dir.isEmpty() || dir.get().deleted() || dir.get().kind() != EntryKind.DIRECTORY) {
                throw new ResolverException(what + " " + end.path() + " is missing or not a directory");
            }
            if (dir.get().error().isPresent()) {
                throw new ResolverException(what + " " + end.path() + " cannot be read: "
                        + dir.get().error().get());
            }
        }
        return location.sequence();
    }

    private static Optional<Checkpoint> usable(ResolveRequest request, Checkpoint current) {
        if (request.full() || request.checkpoint().isEmpty()) {
            return Optional.empty();
        }
        Checkpoint cp = request.checkpoint().get();
        if (cp.sourceSequence() > current.sourceSequence() || cp.targetSequence() > current.targetSequence()) {
            LOG.info(
                    "Checkpoint {} of conduit {} is ahead of the index ({}): resolving in full",
                    cp,
                    request.conduitId(),
                    current);
            return Optional.empty();
        }
        return Optional.of(cp);
    }
}
