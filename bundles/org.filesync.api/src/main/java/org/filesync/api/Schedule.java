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
 * @param delay how long the ends of an {@link Kind#INSTANT} conduit must have been quiet before a
 *     run starts, {@link Duration#ZERO} otherwise
 */
public record Schedule(Kind kind, Duration interval, Duration delay) {

    /** The kinds of schedule. */
    public enum Kind {
        MANUAL,
        INSTANT,
        INTERVAL
    }

    /** The shortest interval a schedule accepts. */
    public static final Duration MIN_INTERVAL = Duration.ofSeconds(10);

    /** The quiet time of an instant schedule unless one is given. */
    public static final Duration DEFAULT_DELAY = Duration.ofSeconds(10);

    /** The shortest and the longest quiet time of an instant schedule. */
    public static final Duration MIN_DELAY = Duration.ofSeconds(1);

    public static final Duration MAX_DELAY = Duration.ofHours(1);

    /** Sync only when asked. */
    public static final Schedule MANUAL = new Schedule(Kind.MANUAL, Duration.ZERO, Duration.ZERO);

    /** Sync once the ends have been quiet for {@link #DEFAULT_DELAY} after a change. */
    public static final Schedule INSTANT = new Schedule(Kind.INSTANT, Duration.ZERO, DEFAULT_DELAY);

    private static final Pattern INTERVAL = Pattern.compile("interval:([1-9][0-9]{0,6})([smhd])");
    private static final Pattern DELAY = Pattern.compile("([0-9]{1,7})([smh])");

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
        Objects.requireNonNull(delay, "delay");
        if (kind == Kind.INSTANT && (delay.compareTo(MIN_DELAY) < 0 || delay.compareTo(MAX_DELAY) > 0)) {
            throw new InvalidOptionException(
                    "delay",
                    "The delay of an instant schedule must be between " + MIN_DELAY.toSeconds() + "s and "
                            + MAX_DELAY.toMinutes() + "m, got " + shortest(delay));
        }
        if (kind != Kind.INSTANT && !delay.isZero()) {
            throw new InvalidOptionException("delay", "Only an instant schedule has a delay (--delay)");
        }
    }

    /** A schedule of this kind and period, with the default delay if it is instant. */
    public Schedule(Kind kind, Duration interval) {
        this(kind, interval, kind == Kind.INSTANT ? DEFAULT_DELAY : Duration.ZERO);
    }

    /** This instant schedule with another quiet time. */
    public Schedule withDelay(Duration value) {
        return new Schedule(kind, interval, value);
    }

    /**
     * Parses a delay: {@code <n><s|m|h>}, e.g. {@code 10s}.
     *
     * @throws InvalidOptionException naming the accepted form
     */
    public static Duration parseDelay(String text) {
        Matcher matcher = text == null ? null : DELAY.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (matcher == null || !matcher.matches()) {
            throw new InvalidOptionException("delay", "Invalid delay '" + text + "': use <n><s|m|h> (e.g. 10s)");
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
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

    /** A duration as the shortest of {@code 90s}, {@code 5m}, {@code 2h}, {@code 1d}. */
    public static String shortest(Duration period) {
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
