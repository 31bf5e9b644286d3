package org.filesync.api.plugin;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The plug-ins of one family registered now, chosen by name. A service names itself with the
 * family's service property, a string or an array or collection of strings (one service, several
 * names). Among the services of one name the service reference order decides, as {@code
 * ServiceReference.compareTo} does: the highest {@value #SERVICE_RANKING} wins (an absent or
 * non-{@code Integer} ranking counts as 0), then the lowest {@value #SERVICE_ID}.
 *
 * <p>Made for a DS component's dynamic multiple reference: its bind, updated and unbind methods pass
 * the service and its properties to {@link #add}, {@link #update} and {@link #remove}. Thread-safe:
 * changes replace an immutable snapshot, which lookups read without locking.
 *
 * @param <T> the plug-in interface
 */
public final class RankedPlugins<T> {

    /** The framework's service property holding a service's id. */
    public static final String SERVICE_ID = "service.id";

    /** The framework's service property holding a service's ranking. */
    public static final String SERVICE_RANKING = "service.ranking";

    private record Registration<T>(T plugin, Set<String> names, int ranking, long serviceId) {}

    private static final Comparator<Registration<?>> PREFERRED = Comparator.<Registration<?>>comparingInt(
                    Registration::ranking)
            .reversed()
            .thenComparingLong(Registration::serviceId);

    private final String property;

    /** Every registration, the preferred first. */
    private volatile List<Registration<T>> registrations = List.of();

    /**
     * @param property the service property naming a plug-in of the family, e.g. {@code filesync.mode}
     */
    public RankedPlugins(String property) {
        if (property == null || property.isBlank()) {
            throw new IllegalArgumentException("the naming property must not be blank");
        }
        this.property = property;
    }

    /** The service property naming a plug-in of the family. */
    public String property() {
        return property;
    }

    /**
     * Adds a service under the names its properties give.
     *
     * @param properties the service's properties, with its {@value #SERVICE_ID}
     * @return the names it was added under, empty if its properties name none (then it is not added)
     * @throws IllegalArgumentException if the properties carry no {@value #SERVICE_ID}
     */
    public synchronized Set<String> add(T plugin, Map<String, ?> properties) {
        Objects.requireNonNull(plugin, "plugin");
        long id = serviceId(properties);
        Set<String> names = names(properties.get(property));
        List<Registration<T>> next = without(id);
        if (!names.isEmpty()) {
            next.add(new Registration<>(plugin, names, ranking(properties), id));
            next.sort(PREFERRED);
        }
        registrations = List.copyOf(next);
        return names;
    }

    /**
     * Takes a service's changed properties (its names or its ranking).
     *
     * @return the names it is registered under now
     */
    public Set<String> update(T plugin, Map<String, ?> properties) {
        return add(plugin, properties);
    }

    /**
     * Removes the service of the {@value #SERVICE_ID} in the properties.
     *
     * @return the names it had, empty if it was not registered
     */
    public synchronized Set<String> remove(Map<String, ?> properties) {
        long id = serviceId(properties);
        Set<String> names = registrations.stream()
                .filter(r -> r.serviceId() == id)
                .findFirst()
                .map(Registration::names)
                .orElse(Set.of());
        registrations = List.copyOf(without(id));
        return names;
    }

    /** The preferred plug-in registered under that name now. */
    public Optional<T> find(String name) {
        for (Registration<T> r : registrations) {
            if (r.names().contains(name)) {
                return Optional.of(r.plugin());
            }
        }
        return Optional.empty();
    }

    /** The names registered now, in alphabetical order. */
    public SortedSet<String> names() {
        SortedSet<String> names = new TreeSet<>();
        registrations.forEach(r -> names.addAll(r.names()));
        return Collections.unmodifiableSortedSet(names);
    }

    /** Every plug-in registered now, each once, the preferred first. */
    public List<T> all() {
        return registrations.stream().map(Registration::plugin).toList();
    }

    private List<Registration<T>> without(long serviceId) {
        List<Registration<T>> rest = new ArrayList<>(registrations);
        rest.removeIf(r -> r.serviceId() == serviceId);
        return rest;
    }

    private static Set<String> names(Object value) {
        Collection<?> values;
        if (value instanceof Object[] array) {
            values = List.of(array);
        } else if (value instanceof Collection<?> collection) {
            values = collection;
        } else {
            values = value == null ? List.of() : List.of(value);
        }
        Set<String> names = new LinkedHashSet<>();
        for (Object v : values) {
            if (v instanceof String s && !s.isBlank()) {
                names.add(s.trim());
            }
        }
        return Collections.unmodifiableSet(names);
    }

    private static int ranking(Map<String, ?> properties) {
        return properties.get(SERVICE_RANKING) instanceof Integer ranking ? ranking : 0;
    }

    private static long serviceId(Map<String, ?> properties) {
        if (properties.get(SERVICE_ID) instanceof Long id) {
            return id;
        }
        throw new IllegalArgumentException("a service without " + SERVICE_ID + ": " + properties);
    }
}
