package org.filesync.http.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.filesync.api.ConduitOptions;
import org.filesync.api.ConduitSpec;
import org.filesync.api.InvalidOptionException;
import org.filesync.api.InvalidRequestException;
import org.filesync.api.Schedule;

/**
 * The bodies of {@code POST /conduits} and {@code PUT /conduits/{id}}: a JSON object whose fields
 * are the shell's options ({@code mode}, {@code conflict}, {@code delete}, {@code schedule}, {@code
 * delay}, {@code parallel}, {@code maxDelete}, {@code bandwidth}, {@code verifyRetry}, {@code ignore}, {@code
 * enabled}), plus {@code source} and {@code target} on create. A field that is absent keeps its
 * value (the default on create); an unknown field, a wrong type or a bad value is refused with a
 * one-line message before anything is changed.
 */
final class ConduitRequests {

    private static final Set<String> OPTION_FIELDS = Set.of(
            "mode",
            "conflict",
            "delete",
            "schedule",
            "delay",
            "parallel",
            "maxDelete",
            "bandwidth",
            "verifyRetry",
            "ignore",
            "enabled");

    private static final String FIELD_LIST =
            "mode, conflict, delete, schedule, delay, parallel, maxDelete, bandwidth, verifyRetry, ignore, enabled";

    private ConduitRequests() {}

    /** The conduit a create request asks for. */
    static ConduitSpec create(ObjectNode body) {
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!OPTION_FIELDS.contains(name) && !name.equals("source") && !name.equals("target")) {
                throw new InvalidRequestException(
                        "Unknown field '" + name + "': a conduit takes source, target, " + FIELD_LIST);
            }
        }
        String source = text(body, "source");
        String target = text(body, "target");
        return new ConduitSpec(source, target, apply(body, ConduitOptions.defaults()));
    }

    /** {@code current} with every option an update request gives applied. */
    static ConduitOptions update(ObjectNode body, ConduitOptions current) {
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (name.equals("source") || name.equals("target")) {
                throw new InvalidRequestException(
                        "The endpoints of a conduit never change: create another conduit for other directories");
            }
            if (!OPTION_FIELDS.contains(name)) {
                throw new InvalidRequestException("Unknown field '" + name + "': an update takes " + FIELD_LIST);
            }
        }
        if (body.isEmpty()) {
            throw new InvalidRequestException("Nothing to update: give at least one option, e.g. {\"enabled\": false}");
        }
        return apply(body, current);
    }

    private static ConduitOptions apply(ObjectNode body, ConduitOptions base) {
        ConduitOptions options = base;
        for (Map.Entry<String, JsonNode> field : iterable(body)) {
            String name = field.getKey();
            options = switch (name) {
                case "mode" -> options.withMode(text(body, name));
                case "conflict" -> options.withConflictStrategy(text(body, name));
                case "delete" -> options.withDeleteStrategy(text(body, name));
                case "schedule" -> withSchedule(options, Schedule.parse(text(body, name)));
                case "parallel" -> options.withParallelTransfers(integer(name, field.getValue()));
                case "maxDelete" -> options.withMaxDeletePercent(integer(name, field.getValue()));
                case "bandwidth" -> options.withBandwidthLimit(rate(name, field.getValue()));
                case "verifyRetry" -> options.withVerifyRetry(bool(name, field.getValue()));
                case "enabled" -> options.withEnabled(bool(name, field.getValue()));
                case "ignore" -> options.withIgnores(strings(name, field.getValue()));
                default -> options; // source and target (read by create), delay (below)
            };
        }
        if (body.has("delay")) {
            options = options.withSchedule(options.schedule().withDelay(Schedule.parseDelay(text(body, "delay"))));
        }
        return options;
    }

    /** As the shell does: {@code instant} given again keeps the instant schedule's delay. */
    private static ConduitOptions withSchedule(ConduitOptions options, Schedule parsed) {
        boolean stillInstant =
                parsed.kind() == Schedule.Kind.INSTANT && options.schedule().kind() == Schedule.Kind.INSTANT;
        return options.withSchedule(stillInstant ? options.schedule() : parsed);
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(ObjectNode body) {
        return body::fields;
    }

    /** A string field, or null if it is absent or null. */
    private static String text(ObjectNode body, String name) {
        JsonNode value = body.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new InvalidOptionException(name, "Invalid " + name + " " + value + ": expected a string");
        }
        return value.textValue();
    }

    /** A whole number, given as a JSON number or as a string of digits (as a form sends it). */
    static int integer(String name, JsonNode value) {
        if (value.isInt()) {
            return value.intValue();
        }
        if (value.isTextual()) {
            try {
                return Integer.parseInt(value.textValue().trim());
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new InvalidOptionException(name, "Invalid " + name + " " + display(value) + ": expected a whole number");
    }

    /** Bytes per second: a number, or a string such as {@code 0}, {@code 500k}, {@code 10M}, {@code 1g}. */
    static long rate(String name, JsonNode value) {
        if (value.isIntegralNumber() && value.canConvertToLong() && value.longValue() >= 0) {
            return value.longValue();
        }
        if (value.isTextual()) {
            OptionalLong rate = ConduitOptions.parseBandwidth(value.textValue());
            if (rate.isPresent()) {
                return rate.getAsLong();
            }
        }
        throw new InvalidOptionException(
                name, "Invalid " + name + " " + display(value) + ": expected bytes per second, e.g. 0, 500k, 10M");
    }

    static boolean bool(String name, JsonNode value) {
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isTextual()) {
            switch (value.textValue().trim().toLowerCase(Locale.ROOT)) {
                case "true":
                    return true;
                case "false":
                    return false;
                default:
                    break;
            }
        }
        throw new InvalidOptionException(name, "Invalid " + name + " " + display(value) + ": expected true or false");
    }

    private static List<String> strings(String name, JsonNode value) {
        if (!value.isArray()) {
            throw new InvalidOptionException(
                    name, "Invalid " + name + " " + display(value) + ": expected a list of patterns");
        }
        List<String> patterns = new ArrayList<>();
        for (JsonNode element : value) {
            if (!element.isTextual()) {
                throw new InvalidOptionException(
                        name, "Invalid " + name + " pattern " + display(element) + ": expected a string");
            }
            patterns.add(element.textValue());
        }
        return patterns;
    }

    /** A value as the message shows it: a string in single quotes, anything else as JSON. */
    private static String display(JsonNode value) {
        String text = value.isTextual() ? "'" + value.textValue() + "'" : value.toString();
        return text.length() > 80 ? text.substring(0, 77) + "..." : text;
    }
}
