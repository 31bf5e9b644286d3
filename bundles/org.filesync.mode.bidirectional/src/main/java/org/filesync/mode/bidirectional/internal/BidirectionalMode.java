package org.filesync.mode.bidirectional.internal;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.filesync.conflict.ConflictStrategy;
import org.filesync.resolver.Plan;
import org.filesync.resolver.ResolutionContext;
import org.filesync.resolver.ResolverException;
import org.filesync.resolver.SyncMode;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The {@code bidirectional} mode (SPEC section 3): each end is compared with the conduit's
 * baseline; conflicts are settled by the conflict strategy the request names. Strategies come and
 * go at runtime; among those of one name the highest {@code service.ranking} wins, then the lowest
 * {@code service.id}. Each resolution runs on its own {@link BidirectionalPlanner}; the component
 * keeps no state but the strategies, and a small pool on which a resolution reads its baseline
 * while it reads the index.
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

    private record Registered(ConflictStrategy strategy, String name, int ranking, long id) {}

    private static final Comparator<Registered> PREFERRED =
            Comparator.comparingInt(Registered::ranking).reversed().thenComparingLong(Registered::id);

    private final List<Registered> strategies = new CopyOnWriteArrayList<>();
    private final Clock clock;

    /** Reads a resolution's baseline while it reads the index; its threads end when idle. */
    private final ThreadPoolExecutor lookups;

    /** The component, with the system clock for conflict-copy names. */
    @Activate
    public BidirectionalMode() {
        this(Clock.systemDefaultZone());
    }

    BidirectionalMode(Clock clock) {
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

    @Reference(
            service = ConflictStrategy.class,
            cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY,
            unbind = "removeStrategy")
    void addStrategy(ConflictStrategy strategy, Map<String, Object> properties) {
        Object name = properties.get(ConflictStrategy.PROPERTY);
        if (name == null || name.toString().isBlank()) {
            return; // not selectable by name
        }
        Object ranking = properties.get("service.ranking");
        Object id = properties.get("service.id");
        strategies.add(new Registered(
                strategy,
                name.toString(),
                ranking instanceof Integer r ? r : 0,
                id instanceof Number n ? n.longValue() : Long.MAX_VALUE));
    }

    void removeStrategy(ConflictStrategy strategy, Map<String, Object> properties) {
        Object id = properties.get("service.id");
        strategies.removeIf(r -> r.strategy() == strategy && (!(id instanceof Number n) || n.longValue() == r.id()));
    }

    /** The strategy registered under a name now, the preferred one among several. */
    Optional<ConflictStrategy> strategy(String name) {
        return strategies.stream()
                .filter(r -> r.name().equals(name))
                .min(PREFERRED)
                .map(Registered::strategy);
    }

    @Override
    public boolean keepsBaseline() {
        return true;
    }

    @Override
    public Plan resolve(ResolutionContext context) {
        String name = context.request().conflictStrategy();
        ConflictStrategy strategy = strategy(name)
                .orElseThrow(() -> new ResolverException("Conflict strategy '" + name
                        + "' is not available: no conflict strategy of that name is registered (registered: "
                        + registeredNames() + ")"));
        return new BidirectionalPlanner(context, name, strategy, clock, lookups).plan();
    }

    private String registeredNames() {
        TreeSet<String> names = new TreeSet<>();
        strategies.forEach(r -> names.add(r.name()));
        return names.isEmpty() ? "none" : String.join(", ", names);
    }
}
