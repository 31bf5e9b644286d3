package org.filesync.api;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a conduit syncs by itself: {@code manual} (only on request), {@code instant} (on index
 * changes) or {@code interval:<n><s|m|h|d>} (every n seconds, minutes, hours or days).
 *
 * @param kind the kind of schedule
 * @param interval the period of an {@link Kind#INTERVAL} schedule, {@link Duration#ZERO} otherwise
 */
public record Schedule(Kind kind, Duration interval) {

    /** The kinds of schedule. */
    public enum Kind {
        MANUAL,
        INSTANT,
        INTERVAL
    }

    /** The shortest interval a schedule accepts. */
    public static final Duration MIN_INTERVAL = Duration.ofSeconds(10);

    /** Sync only when asked. */
    public static final Schedule MANUAL = new Schedule(Kind.MANUAL, Duration.ZERO);

    /** Sync whenever the index reports a change at either end. */
    public static final Schedule INSTANT = new Schedule(Kind.INSTANT, Duration.ZERO);

    private static final Pattern INTERVAL = Pattern.compile("interval:([1-9][0-9]{0,6})([smhd])");

    public Schedule {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(interval, "interval");
        if (kind == Kind.INTERVAL && interval.compareTo(MIN_INTERVAL) < 0) {
            throw new InvalidOptionException(
                    "schedule", "Schedule interval must be at least " + MIN_INTERVAL.toSeconds() + "s");
        }
        if (kind != Kind.INTERVAL && !interval.isZero()) {
            throw new InvalidOptionException("schedule", "Only an interval schedule has a period");
        }
    }

    /** A schedule that syncs every {@code period}. */
    public static Schedule every(Duration period) {
        return new Schedule(Kind.INTERVAL, period);
    }

    /**
     * Parses {@code manual}, {@code instant} or {@code interval:<n><s|m|h|d>}.
     *
     * @throws InvalidOptionException naming the accepted forms
     */
    public static Schedule parse(String text) {
        if (text == null) {
            throw invalid(null);
        }
        String value = text.trim().toLowerCase(Locale.ROOT);
        if (value.equals("manual")) {
            return MANUAL;
        }
        if (value.equals("instant")) {
            return INSTANT;
        }
        Matcher matcher = INTERVAL.matcher(value);
        if (!matcher.matches()) {
            throw invalid(text);
        }
        long amount = Long.parseLong(matcher.group(1));
        Duration period =
                switch (matcher.group(2)) {
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    case "h" -> Duration.ofHours(amount);
                    default -> Duration.ofDays(amount);
                };
        return every(period);
    }

    private static InvalidOptionException invalid(String text) {
        return new InvalidOptionException(
                "schedule",
                "Invalid schedule '" + text + "': use manual, instant or interval:<n><s|m|h|d> (e.g. interval:5m)");
    }

    /** The canonical text form, which {@link #parse(String)} reads back. */
    @Override
    public String toString() {
        return switch (kind) {
            case MANUAL -> "manual";
            case INSTANT -> "instant";
            case INTERVAL -> "interval:" + shortest(interval);
        };
    }

    private static String shortest(Duration period) {
        long seconds = period.toSeconds();
        if (seconds % 86_400 == 0) {
            return seconds / 86_400 + "d";
        }
        if (seconds % 3_600 == 0) {
            return seconds / 3_600 + "h";
        }
        if (seconds % 60 == 0) {
            return seconds / 60 + "m";
        }
        return seconds + "s";
    }
}
