/**
 * The file index: directory trees ("locations") indexed with content hashes and kept fresh by a
 * filesystem watcher. Usable by any bundle, not only filesync.
 *
 * <ul>
 *   <li>{@link org.filesync.index.FileIndex}: the service — locations, entry queries, change
 *       queries, rescans, the settled signal, and the files a copy announces it wrote.
 *   <li>{@link org.filesync.index.IndexedLocation}, {@link org.filesync.index.LocatedPath}: a
 *       registered tree and a path resolved into one.
 *   <li>{@link org.filesync.index.IndexEntry}: one indexed file, directory or symlink (or its
 *       tombstone), with its {@link org.filesync.api.path.EntryFacts facts}.
 *   <li>{@link org.filesync.index.IndexStatus}: whether a location is settled and, if not, what
 *       is pending.
 *   <li>{@link org.filesync.index.IndexListener}, {@link org.filesync.index.IndexChange}: the
 *       change feed (OSGi whiteboard).
 *   <li>{@link org.filesync.index.IgnoreRules}: {@code .gitignore}-style patterns that hide paths.
 *   <li>{@link org.filesync.index.IndexException}: every refusal and failure.
 * </ul>
 *
 * <h2>Relative paths and their order</h2>
 *
 * An entry's path is relative to its location's root, with {@code /} as separator, no leading or
 * trailing {@code /}, never empty (the root itself has no entry). Entries are streamed in one
 * total order, {@link org.filesync.index.IndexEntry#PATH_ORDER}: {@link String#compareTo} on the
 * relative paths, i.e. lexicographic order of UTF-16 code units. In this order a directory comes
 * before everything under it and a subtree ({@code p} and all paths starting with {@code p/}) is
 * one contiguous run, though not necessarily adjacent to {@code p} itself (e.g. {@code a},
 * {@code a-b}, {@code a/x}). Two locations' streams can therefore be merged with that comparator.
 */
@Version("2.1.0")
package org.filesync.index;

import org.osgi.annotation.versioning.Version;
