package org.filesync.api;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * The adjustable settings of a conduit. Values are checked here for range and form; whether a
 * mode or strategy name is available is checked by the service that stores the conduit.
 *
 * @param mode the sync mode plug-in name ({@value #DEFAULT_MODE} or {@code bidirectional})
 * @param conflictStrategy the conflict strategy plug-in name
 * @param deleteStrategy the delete strategy plug-in name ({@code trash} or {@code permanent})
 * @param schedule when the conduit syncs by itself
 * @param parallelTransfers how many copies run at once, 1 to {@value #MAX_PARALLEL_TRANSFERS}
 * @param bandwidthLimit bytes per second for all transfers of a run, 0 for no limit
 * @param maxDeletePercent the largest share of a side's files a run may delete without force, 0
 *     to 100
 * @param enabled whether the conduit may sync
 * @param verifyRetry whether a generation whose verification fails is followed by one automatic
 *     retry generation (off by default)
 * @param ignores the ignore rules, one {@code .gitignore}-style pattern each, in order (the last
 *     match wins; docs/ignore-rules.md); the service compiles them and refuses a pattern it cannot
 */
public record ConduitOptions(
        String mode,
        String conflictStrategy,
        String deleteStrategy,
        Schedule schedule,
        int parallelTransfers,
        long bandwidthLimit,
        int maxDeletePercent,
        boolean enabled,
        boolean verifyRetry,
        List<String> ignores) {

    public static final String DEFAULT_MODE = "mirror";
    public static final String DEFAULT_CONFLICT_STRATEGY = "newest-wins";
    public static final String DEFAULT_DELETE_STRATEGY = "trash";
    public static final int DEFAULT_PARALLEL_TRANSFERS = 4;
    public static final int MAX_PARALLEL_TRANSFERS = 64;
    public static final int DEFAULT_MAX_DELETE_PERCENT = 50;
    public static final int MAX_IGNORE_PATTERNS = 1000;
    public static final int MAX_IGNORE_PATTERN_LENGTH = 1000;

    private static final Pattern PLUGIN_NAME = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

    public ConduitOptions {
        mode = pluginName("mode", mode);
        conflictStrategy = pluginName("conflict", conflictStrategy);
        deleteStrategy = pluginName("delete", deleteStrategy);
        Objects.requireNonNull(schedule, "schedule");
        if (parallelTransfers < 1 || parallelTransfers > MAX_PARALLEL_TRANSFERS) {
            throw new InvalidOptionException(
                    "parallel",
                    "Parallel transfers must be between 1 and " + MAX_PARALLEL_TRANSFERS + ", got "
                            + parallelTransfers);
        }
        if (bandwidthLimit < 0) {
            throw new InvalidOptionException(
                    "bandwidth", "Bandwidth limit must be 0 (none) or positive, got " + bandwidthLimit);
        }
        if (maxDeletePercent < 0 || maxDeletePercent > 100) {
            throw new InvalidOptionException(
                    "max-delete", "Max-delete percentage must be between 0 and 100, got " + maxDeletePercent);
        }
        ignores = List.copyOf(ignores);
        if (ignores.size() > MAX_IGNORE_PATTERNS) {
            throw new InvalidOptionException(
                    "ignore", "At most " + MAX_IGNORE_PATTERNS + " ignore patterns, got " + ignores.size());
        }
        for (String pattern : ignores) {
            if (pattern.isBlank()
                    || pattern.length() > MAX_IGNORE_PATTERN_LENGTH
                    || pattern.chars().anyMatch(Character::isISOControl)) {
                throw new InvalidOptionException(
                        "ignore",
                        "Invalid ignore pattern '" + PrintablePaths.printable(pattern)
                                + "': one non-blank line of at most " + MAX_IGNORE_PATTERN_LENGTH
                                + " characters, no control characters");
            }
        }
    }

    /** The defaults: mirror, newest-wins, trash, manual, 4, no limit, 50 %, enabled. */
    public static ConduitOptions defaults() {
        return new ConduitOptions(
                DEFAULT_MODE,
                DEFAULT_CONFLICT_STRATEGY,
                DEFAULT_DELETE_STRATEGY,
                Schedule.MANUAL,
                DEFAULT_PARALLEL_TRANSFERS,
                0,
                DEFAULT_MAX_DELETE_PERCENT,
                true,
                false,
                List.of());
    }

    public ConduitOptions withMode(String value) {
        return new ConduitOptions(
                value,
                conflictStrategy,
                deleteStrategy,
                schedule,
                parallelTransfers,
                bandwidthLimit,
                maxDeletePercent,
                enabled,
                verifyRetry,
                ignores);
    }

    public ConduitOptions withConflictStrategy(String value) {
        return new ConduitOptions(
                mode,
                value,
                deleteStrategy,
                schedule,
                parallelTransfers,
                bandwidthLimit,
                maxDeletePercent,
                enabled,
                verifyRetry,
                ignores);
    }

    public ConduitOptions withDeleteStrategy(String value) {
        return new ConduitOptions(
                mode,
                conflictStrategy,
                value,
                schedule,
                parallelTransfers,
                bandwidthLimit,
                maxDeletePercent,
                enabled,
                verifyRetry,
                ignores);
    }

    public ConduitOptions withSchedule(Schedule value) {
        return new ConduitOptions(
                mode,
                conflictStrategy,
                deleteStrategy,
                value,
                parallelTransfers,
                bandwidthLimit,
                maxDeletePercent,
                enabled,
                verifyRetry,
                ignores);
    }

    public ConduitOptions withParallelTransfers(int value) {
        return new ConduitOptions(
                mode,
                conflictStrategy,
                deleteStrategy,
                schedule,
                value,
                bandwidthLimit,
                maxDeletePercent,
                enabled,
                verifyRetry,
                ignores);
    }

    public ConduitOptions withBandwidthLimit(long value) {
        return new ConduitOptions(
                mode,
                conflictStrategy,
                deleteStrategy,
                schedule,
                parallelTransfers,
                value,
                maxDeletePercent,
                enabled,
                verifyRetry,
                ignores);
    }

    public ConduitOptions withMaxDeletePercent(int value) {
        return new ConduitOptions(
                mode,
                conflictStrategy,
                deleteStrategy,
                schedule,
                parallelTransfers,
                bandwidthLimit,
                value,
                enabled,
                verifyRetry,
                ignores);
    }

    public ConduitOptions withEnabled(boolean value) {
        return new ConduitOptions(
                mode,
                conflictStrategy,
                deleteStrategy,
                schedule,
                parallelTransfers,
                bandwidthLimit,
                maxDeletePercent,
                value,
                verifyRetry,
                ignores);
    }

    public ConduitOptions withVerifyRetry(boolean value) {
        return new ConduitOptions(
                mode,
                conflictStrategy,
                deleteStrategy,
                schedule,
                parallelTransfers,
                bandwidthLimit,
                maxDeletePercent,
                enabled,
                value,
                ignores);
    }

    /** These options with other ignore rules (the given list replaces the present one). */
    public ConduitOptions withIgnores(List<String> value) {
        return new ConduitOptions(
                mode,
                conflictStrategy,
                deleteStrategy,
                schedule,
                parallelTransfers,
                bandwidthLimit,
                maxDeletePercent,
                enabled,
                verifyRetry,
                value);
    }

    /**
     * A bandwidth limit as a user writes it: bytes per second such as {@code 0} (no limit), {@code
     * 512000}, {@code 500k}, {@code 10M} or {@code 1g} (binary units, any case, spaces around
     * ignored); empty when the text is none of these or too large.
     */
    public static OptionalLong parseBandwidth(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        long unit = 1;
        if (!value.isEmpty() && "kmg".indexOf(value.charAt(value.length() - 1)) >= 0) {
            unit = 1L << (10 * ("kmg".indexOf(value.charAt(value.length() - 1)) + 1));
            value = value.substring(0, value.length() - 1);
        }
        try {
            long amount = Long.parseLong(value);
            if (amount >= 0 && amount <= Long.MAX_VALUE / unit) {
                return OptionalLong.of(amount * unit);
            }
        } catch (NumberFormatException e) {
            // not a rate
        }
        return OptionalLong.empty();
    }

    private static String pluginName(String option, String value) {
        if (value == null || !PLUGIN_NAME.matcher(value).matches() || value.length() > 64) {
            throw new InvalidOptionException(
                    option,
                    "Invalid " + option + " name '" + value + "': use lower-case letters, digits and single hyphens");
        }
        return value;
    }
}
