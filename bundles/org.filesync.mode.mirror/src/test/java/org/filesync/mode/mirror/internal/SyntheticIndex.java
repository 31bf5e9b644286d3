package org.filesync.mode.mirror.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.filesync.api.path.EntryFacts;
import org.filesync.api.path.EntryKind;
import org.filesync.index.FileIndex;
import org.filesync.index.IgnoreRules;
import org.filesync.index.IndexEntry;
import org.filesync.index.IndexException;
import org.filesync.index.IndexStatus;
import org.filesync.index.IndexedLocation;
import org.filesync.index.LocatedPath;

/**
 * A {@link FileIndex} generating the rows of two large locations on the fly, in path order, so a
 * benchmark measures the resolver and not a test fixture's memory. Each side has {@code dirs}
 * directories {@code dNNNNNN} of {@link #FILES_PER_DIR} files {@code fNNN.dat}; about 4 % of the
 * files differ: 2 % content ({@code i % 50 == 7}), 1 % missing in the target ({@code i % 100 ==
 * 13}, tombstones there), 0.5 % mtime only ({@code i % 200 == 21}), and every other directory has
 * one target-only file {@code g000.dat}. Unchanged rows have sequence 1, differing rows a higher one
 * (ascending with the path), so {@code changesSince(…, 1)} returns just the differences, as if the
 * target had been changed after a checkpoint at which both ends agreed.
 */
final class SyntheticIndex implements FileIndex {

    static final int FILES_PER_DIR = 100;
    static final Path SOURCE = Path.of("/bench/source");
    static final Path TARGET = Path.of("/bench/target");
    private static final long MTIME = 1_700_000_000_000_000_000L;

    private final int dirs;

    SyntheticIndex(int entriesPerSide) {
        this.dirs = Math.max(1, entriesPerSide / (FILES_PER_DIR + 1));
    }

    long entriesPerSide() {
        return (long) dirs * (FILES_PER_DIR + 1);
    }

    // ---- the rows ----------------------------------------------------------------------------

    private static boolean contentDiffers(long i) {
        return i % 50 == 7;
    }

    private static boolean missingInTarget(long i) {
        return i % 100 == 13;
    }

    private static boolean mtimeDiffers(long i) {
        return i % 200 == 21;
    }

    private static boolean hasExtra(int d) {
        return d % 2 == 0;
    }

    private static String dirName(int d) {
        return String.format("d%06d", d);
    }

    private static IndexEntry dir(int d) {
        return new IndexEntry(
                dirName(d),
                new EntryFacts(EntryKind.DIRECTORY, 0, MTIME, 0755, Optional.empty(), Optional.empty()),
                d,
                1,
                false,
                Optional.empty());
    }

    private static IndexEntry file(boolean target, String dirName, int d, int f) {
        long i = (long) d * FILES_PER_DIR + f;
        boolean changed = target && (contentDiffers(i) || mtimeDiffers(i));
        String name = dirName + "/f" + three(f) + ".dat";
        return new IndexEntry(
                name,
                new EntryFacts(
                        EntryKind.FILE,
                        4096 + (i % 1000),
                        MTIME + (target && mtimeDiffers(i) ? 1_000_000_000L : 0),
                        0644,
                        Optional.empty(),
                        Optional.of(hash(target && contentDiffers(i) ? ~i : i))),
                i,
                changed ? 2 + 2 * i : 1,
                false,
                Optional.empty());
    }

    private static IndexEntry extra(String dirName, int d) {
        return new IndexEntry(
                dirName + "/g000.dat",
                new EntryFacts(EntryKind.FILE, 100, MTIME, 0644, Optional.empty(), Optional.of(hash(-d - 1L))),
                -d,
                3 + 2 * ((long) d * FILES_PER_DIR + FILES_PER_DIR - 1),
                false,
                Optional.empty());
    }

    /** The target's missing files were deleted after the checkpoint: their tombstones. */
    private static IndexEntry tombstone(IndexEntry e) {
        long i = e.inode();
        return new IndexEntry(
                e.path(),
                new EntryFacts(e.kind(), e.size(), e.mtimeNanos(), e.mode(), e.symlinkTarget(), Optional.empty()),
                i,
                2 + 2 * i,
                true,
                Optional.empty());
    }

    private static String three(int f) {
        return f < 10 ? "00" + f : f < 100 ? "0" + f : Integer.toString(f);
    }

    /** 64 hex digits derived from a number, a new String each time as a database would return. */
    static String hash(long seed) {
        char[] hex = new char[64];
        long x = seed;
        for (int w = 0; w < 4; w++) {
            x += 0x9E3779B97F4A7C15L; // splitmix64
            long z = x;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            z ^= z >>> 31;
            for (int k = 0; k < 16; k++) {
                hex[w * 16 + k] = Character.forDigit((int) ((z >>> (60 - 4 * k)) & 0xF), 16);
            }
        }
        return new String(hex);
    }

    /** All live rows of a side in path order. */
    private Iterator<IndexEntry> rows(boolean target, boolean changedOnly) {
        return new Iterator<>() {
            int d;
            int f = -1; // -1: the directory row; FILES_PER_DIR: the extra row
            String dirName = dirName(0);
            IndexEntry next = advance();

            private IndexEntry advance() {
                while (d < dirs) {
                    IndexEntry e = null;
                    if (f == -1) {
                        if (!changedOnly) {
                            e = dir(d);
                        }
                    } else if (f < FILES_PER_DIR) {
                        long i = (long) d * FILES_PER_DIR + f;
                        boolean differs = contentDiffers(i) || mtimeDiffers(i);
                        if (target && missingInTarget(i)) {
                            e = changedOnly ? tombstone(file(true, dirName, d, f)) : null;
                        } else if (!changedOnly || (target && differs)) {
                            e = file(target, dirName, d, f);
                        }
                    } else if (target && hasExtra(d)) {
                        e = extra(dirName, d);
                    }
                    f++;
                    if (f > FILES_PER_DIR) {
                        f = -1;
                        d++;
                        dirName = d < dirs ? dirName(d) : null;
                    }
                    if (e != null) {
                        return e;
                    }
                }
                return null;
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public IndexEntry next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                IndexEntry e = next;
                next = advance();
                return e;
            }
        };
    }

    private static Stream<IndexEntry> stream(Iterator<IndexEntry> it) {
        return StreamSupport.stream(
                Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    private boolean isTarget(Path root) {
        if (root.equals(TARGET)) {
            return true;
        }
        if (root.equals(SOURCE)) {
            return false;
        }
        throw new IndexException("Not an indexed location: " + root);
    }

    // ---- FileIndex ---------------------------------------------------------------------------

    @Override
    public Stream<IndexEntry> entries(Path root, String prefix) {
        boolean target = isTarget(root);
        if (!prefix.isEmpty()) {
            return lookup(target, prefix).stream(); // subtrees are not used by the benchmark's plans
        }
        return stream(rows(target, false));
    }

    @Override
    public Stream<IndexEntry> changesSince(Path root, String prefix, long afterSequence) {
        boolean target = isTarget(root);
        if (afterSequence >= 1) {
            // rows with a sequence above 1 ascend with the path here, so path order is sequence order
            return stream(rows(target, true)).filter(e -> e.sequence() > afterSequence);
        }
        return stream(rows(target, false));
    }

    @Override
    public Optional<IndexEntry> entry(Path root, String relativePath) {
        return lookup(isTarget(root), relativePath);
    }

    private Optional<IndexEntry> lookup(boolean target, String path) {
        try {
            int d = Integer.parseInt(path.substring(1, 7));
            if (d >= dirs || path.charAt(0) != 'd') {
                return Optional.empty();
            }
            if (path.length() == 7) {
                return Optional.of(dir(d));
            }
            String name = path.substring(8);
            if (name.equals("g000.dat")) {
                return target && hasExtra(d) ? Optional.of(extra(path.substring(0, 7), d)) : Optional.empty();
            }
            int f = Integer.parseInt(name.substring(1, 4));
            long i = (long) d * FILES_PER_DIR + f;
            if (f >= FILES_PER_DIR) {
                return Optional.empty();
            }
            if (target && missingInTarget(i)) {
                return Optional.of(tombstone(file(true, path.substring(0, 7), d, f)));
            }
            return Optional.of(file(target, path.substring(0, 7), d, f));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<IndexedLocation> location(Path root) {
        return Optional.of(new IndexedLocation(
                root, IndexedLocation.SETTLED, entriesPerSide(), Optional.empty(), 4 + 2L * dirs * FILES_PER_DIR));
    }

    @Override
    public IndexedLocation register(Path path, Collection<IgnoreRules> prune) {
        throw new UnsupportedOperationException("synthetic");
    }

    @Override
    public void prune(Path root, Collection<IgnoreRules> ruleSets) {
        throw new UnsupportedOperationException("not pruned here");
    }

    @Override
    public List<IgnoreRules> pruning(Path root) {
        return List.of();
    }

    @Override
    public boolean unregister(Path root) {
        return false;
    }

    @Override
    public List<IndexedLocation> locations() {
        return List.of(location(SOURCE).orElseThrow(), location(TARGET).orElseThrow());
    }

    @Override
    public Optional<LocatedPath> locate(Path path) {
        return Optional.empty();
    }

    @Override
    public void rescan(Path path, boolean deep) {}

    @Override
    public boolean cancelScans(Path root) {
        return false;
    }

    @Override
    public IndexStatus status(Path root) {
        return new IndexStatus(root, 0, 0, 0, location(root).orElseThrow().sequence(), null);
    }

    @Override
    public void flushEvents(Path root) {}

    @Override
    public IndexStatus awaitSettled(Path root, Duration timeout) {
        return status(root);
    }
}
