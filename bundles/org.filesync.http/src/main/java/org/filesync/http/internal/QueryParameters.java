package org.filesync.http.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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

    /**
     * The parameters of a raw query string (the request's own, never a form body's), by name.
     *
     * @throws InvalidRequestException if it is not well-formed
     */
    static Map<String, String[]> parse(String query) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        if (query != null && !query.isEmpty()) {
            for (String pair : query.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int equals = pair.indexOf('=');
                String name = decode(equals < 0 ? pair : pair.substring(0, equals));
                String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
                values.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
            }
        }
        Map<String, String[]> result = new LinkedHashMap<>();
        values.forEach((name, list) -> result.put(name, list.toArray(String[]::new)));
        return result;
    }

    /** The query of a request, checked as {@link #check} does. */
    static QueryParameters of(javax.servlet.http.HttpServletRequest request, Set<String> allowed) {
        return check(parse(request.getQueryString()), allowed);
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("Invalid query string: " + e.getMessage());
        }
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
}
