package org.filesync.resolver.internal;

import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.filesync.resolver.SyncMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sync modes registered now, keyed by {@link SyncMode#PROPERTY}; among services of one name the
 * highest {@code service.ranking} wins, then the lowest {@code service.id}.
 */
final class ModeRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(ModeRegistry.class);
    static final String SERVICE_ID = "service.id";
    static final String SERVICE_RANKING = "service.ranking";

    private record Registration(String name, int ranking, long serviceId, SyncMode mode) {}

    private static final Comparator<Registration> PREFERRED =
            Comparator.comparingInt(Registration::ranking).reversed().thenComparingLong(Registration::serviceId);

    private final Map<Long, Registration> byServiceId = new HashMap<>();

    synchronized void add(SyncMode mode, Map<String, ?> properties) {
        Optional<String> name = name(properties);
        if (name.isEmpty()) {
            LOG.warn("Ignoring sync mode {} without a '{}' service property", mode, SyncMode.PROPERTY);
            return;
        }
        Registration r = new Registration(name.get(), ranking(properties), serviceId(properties), mode);
        byServiceId.put(r.serviceId(), r);
        LOG.info("Sync mode '{}' available (service.id {}, ranking {})", r.name(), r.serviceId(), r.ranking());
    }

    synchronized void remove(Map<String, ?> properties) {
        Registration r = byServiceId.remove(serviceId(properties));
        if (r != null) {
            LOG.info("Sync mode '{}' (service.id {}) removed", r.name(), r.serviceId());
        }
    }

    synchronized Optional<SyncMode> find(String name) {
        return byServiceId.values().stream()
                .filter(r -> r.name().equals(name))
                .min(PREFERRED)
                .map(Registration::mode);
    }

    synchronized Set<String> names() {
        Set<String> names = new TreeSet<>();
        byServiceId.values().forEach(r -> names.add(r.name()));
        return Set.copyOf(names);
    }

    private static Optional<String> name(Map<String, ?> properties) {
        Object value = properties.get(SyncMode.PROPERTY);
        if (value instanceof String[] array && array.length > 0) {
            value = array[0];
        }
        return value instanceof String s && !s.isBlank() ? Optional.of(s.trim()) : Optional.empty();
    }

    private static int ranking(Map<String, ?> properties) {
        return properties.get(SERVICE_RANKING) instanceof Integer i ? i : 0;
    }

    private static long serviceId(Map<String, ?> properties) {
        Object id = properties.get(SERVICE_ID);
        if (id instanceof Long l) {
            return l;
        }
        throw new IllegalArgumentException("a service without service.id: " + properties);
    }
}
