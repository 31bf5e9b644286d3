package org.filesync.mode.bidirectional.internal;

import java.time.Clock;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.filesync.conflict.ConflictStrategies;
import org.filesync.resolver.Plan;
import org.filesync.resolver.ResolutionContext;
import org.filesync.resolver.ResolverException;
import org.filesync.resolver.SyncMode;
import org.filesync.resolver.conflict.ConflictStrategy;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * The {@code bidirectional} mode (docs/sync-modes.md): each end is compared with the conduit's
 * baseline; conflicts are settled by the conflict strategy the request names, as {@link
 * ConflictStrategies} has it at the start of the resolution (strategies come and go at runtime). Each
 * resolution runs on its own {@link BidirectionalPlanner}; the component keeps no state but a small
 * pool on which a resolution reads its baseline while it reads the index.
 */
@Component(
        name = BidirectionalMode.COMPONENT_NAME,
        service = SyncMode.class,
        property = SyncMode.PROPERTY + "=" + BidirectionalMode.NAME)
public final class BidirectionalMode implements SyncMode {

    /** The mode's name. */
    public static final String NAME = "bidirectional";

    static final String COMPONENT_NAME = "org.filesync.mode.bidirectional";

    /** Resolutions reading their baseline at once; more wait for a thread. */
    private static final int LOOKUP_THREADS = 2;

    private final ConflictStrategies strategies;
    private final Clock clock;

    /** Reads a resolution's baseline while it reads the index; its threads end when idle. */
    private final ThreadPoolExecutor lookups;

    /** The component, with the system clock for conflict-copy names. */
    @Activate
    public BidirectionalMode(@Reference(name = "strategies") ConflictStrategies strategies) {
        this(strategies, Clock.systemDefaultZone());
    }

    BidirectionalMode(ConflictStrategies strategies, Clock clock) {
        this.strategies = strategies;
        this.clock = clock;
        this.lookups = new ThreadPoolExecutor(
                LOOKUP_THREADS, LOOKUP_THREADS, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, "filesync-bidirectional-lookup");
                    thread.setDaemon(true);
                    return thread;
                });
        this.lookups.allowCoreThreadTimeOut(true);
    }

    @Deactivate
    void deactivate() {
        lookups.shutdownNow();
    }

    @Override
    public boolean keepsBaseline() {
        return true;
    }

    @Override
    public Plan resolve(ResolutionContext context) {
        String name = context.request().conflictStrategy();
        ConflictStrategy strategy = strategies
                .find(name)
                .orElseThrow(() -> new ResolverException("Conflict strategy '" + name
                        + "' is not available: no conflict strategy of that name is registered (registered: "
                        + registeredNames() + ")"));
        return new BidirectionalPlanner(context, name, strategy, clock, lookups).plan();
    }

    private String registeredNames() {
        return strategies.names().isEmpty() ? "none" : String.join(", ", strategies.names());
    }
}
