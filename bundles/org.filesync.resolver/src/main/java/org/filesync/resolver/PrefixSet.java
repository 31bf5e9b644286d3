package org.filesync.resolver;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Directory paths whose subtrees are marked, queried with paths in ascending {@link String} order.
 * A subtree is one contiguous run in that order, so a mark is dropped once the queries have passed
 * it: the set holds only the marks still ahead, never more than a few. A helper for sync modes
 * that walk paths in order and must skip what lies under a directory they already handled.
 */
public final class PrefixSet {

    /** Each mark as {@code path + "/"}, the most recent last. */
    private final Deque<String> marks = new ArrayDeque<>();

    /** Marks the subtree under {@code dir} (not {@code dir} itself). */
    public void add(String dir) {
        marks.addLast(dir + "/");
    }

    /** Whether {@code path} lies under a marked directory. Paths must not decrease between calls. */
    public boolean covers(String path) {
        if (marks.isEmpty()) {
            return false;
        }
        while (!marks.isEmpty()) {
            String last = marks.peekLast();
            if (path.startsWith(last)) {
                return true;
            }
            if (path.compareTo(last) > 0) {
                marks.removeLast(); // past that subtree for good
            } else {
                break;
            }
        }
        for (String mark : marks) {
            if (path.startsWith(mark)) {
                return true;
            }
        }
        return false;
    }
}
