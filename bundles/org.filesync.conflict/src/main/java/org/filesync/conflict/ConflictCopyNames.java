package org.filesync.conflict;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.function.Predicate;
import org.filesync.resolver.Side;

/**
 * Names of conflict copies (docs/sync-modes.md): {@code name (conflict YYYY-MM-DD HHMMSS from
 * source|target).ext} beside the original, where {@code from X} names the end the copy's content
 * came from; when that name is taken, {@code  N} (2, 3, …) is appended inside the parentheses, so an
 * earlier conflict copy is never overwritten.
 */
public final class ConflictCopyNames {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HHmmss");

    private ConflictCopyNames() {}

    /**
     * The first free conflict-copy name for a path.
     *
     * @param path the conflicting path, relative to the conduit ends
     * @param when the time of the conflict's resolution
     * @param zone the zone the time is written in
     * @param from the end the copy's content comes from
     * @param taken whether a candidate path is already used (on either end, or by this plan)
     */
    public static String conflictCopy(String path, Instant when, ZoneId zone, Side from, Predicate<String> taken) {
        Objects.requireNonNull(path, "path");
        int slash = path.lastIndexOf('/');
        String directory = path.substring(0, slash + 1);
        String name = path.substring(slash + 1);
        int dot = name.lastIndexOf('.');
        // a leading dot (".bashrc") is part of the name, not an extension
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String extension = dot > 0 ? name.substring(dot) : "";
        String label = "conflict " + STAMP.format(when.atZone(zone)) + " from "
                + from.name().toLowerCase();
        for (int n = 1; ; n++) {
            String candidate = directory + stem + " (" + label + (n == 1 ? "" : " " + n) + ")" + extension;
            if (!taken.test(candidate)) {
                return candidate;
            }
        }
    }
}
