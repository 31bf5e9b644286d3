package org.filesync.http.internal;

import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import org.filesync.api.InvalidRequestException;

/**
 * The query parameters of one request, checked against the ones its endpoint takes: an unknown or a
 * repeated parameter is refused, so a typo ({@code dryrun=true}) never runs the real thing.
 */
final class QueryParameters {

    private final Map<String, String[]> values;

    private QueryParameters(Map<String, String[]> values) {
        this.values = values;
    }

    /**
     * The parameters, if each is one of {@code allowed} and given once.
     *
     * @throws InvalidRequestException naming the first offending parameter and the accepted ones
     */
    static QueryParameters check(Map<String, String[]> values, Set<String> allowed) {
        for (Map.Entry<String, String[]> parameter : new java.util.TreeMap<>(values).entrySet()) {
            String name = parameter.getKey();
            if (!allowed.contains(name)) {
                throw new InvalidRequestException("Unknown query parameter '" + name + "': "
                        + (allowed.isEmpty()
                                ? "this request takes none"
                                : "this request takes " + String.join(", ", new TreeSet<>(allowed))));
            }
            if (parameter.getValue().length > 1) {
                throw new InvalidRequestException("Query parameter '" + name + "' is given more than once");
            }
        }
        return new QueryParameters(values);
    }

    /** A {@code true}/{@code false} parameter ({@code ?force} alone means true), false when absent. */
    boolean flag(String name) {
        String[] value = values.get(name);
        if (value == null) {
            return false;
        }
        return switch (value[0].trim().toLowerCase(Locale.ROOT)) {
            case "", "true" -> true;
            case "false" -> false;
            default -> throw new InvalidRequestException(
                    "Invalid " + name + " '" + value[0] + "': expected true or false");
        };
    }

    /** A whole number from {@code min} to {@code max}, or empty when absent. */
    OptionalInt integer(String name, int min, int max) {
        String[] value = values.get(name);
        if (value == null) {
            return OptionalInt.empty();
        }
        try {
            int number = Integer.parseInt(value[0].trim());
            if (number >= min && number <= max) {
                return OptionalInt.of(number);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidRequestException(
                "Invalid " + name + " '" + value[0] + "': expected a whole number from " + min + " to " + max);
    }

    /** A conduit id as a path segment, with the shell's message for anything else. */
    static long conduitId(String text) {
        try {
            long id = Long.parseLong(text.trim());
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidRequestException("Invalid conduit id '" + text + "': expected a positive number");
    }
}
