package org.filesync.api;

import java.util.Collections;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The plug-in names a conduit may use now, as the owner of each family publishes them.
 *
 * @param modes the sync modes ({@code filesync.mode})
 * @param conflictStrategies the conflict strategies ({@code filesync.conflict})
 * @param deleteStrategies the delete strategies ({@code filesync.delete})
 */
public record RegisteredPlugins(Set<String> modes, Set<String> conflictStrategies, Set<String> deleteStrategies) {

    public RegisteredPlugins {
        modes = sorted(modes);
        conflictStrategies = sorted(conflictStrategies);
        deleteStrategies = sorted(deleteStrategies);
    }

    private static SortedSet<String> sorted(Set<String> names) {
        return Collections.unmodifiableSortedSet(new TreeSet<>(names));
    }
}
