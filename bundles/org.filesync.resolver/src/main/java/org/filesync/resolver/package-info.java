/**
 * The resolver: what a conduit's next generation must do, computed from index queries only (no
 * filesystem walk).
 *
 * <ul>
 *   <li>{@link org.filesync.resolver.Resolver}: the service — a {@link
 *       org.filesync.resolver.ResolveRequest} in, a {@link org.filesync.resolver.Plan} out.
 *   <li>{@link org.filesync.resolver.SyncMode}: the plug-in point for modes ({@code
 *       filesync.mode=mirror|…}), given a {@link org.filesync.resolver.ResolutionContext} that
 *       reads both ends as {@link org.filesync.resolver.SideEntry SideEntries}.
 *   <li>The plan's operations ({@link org.filesync.resolver.Operation}): {@link
 *       org.filesync.resolver.Copy}, {@link org.filesync.resolver.CreateDirectory}, {@link
 *       org.filesync.resolver.CreateSymlink}, {@link org.filesync.resolver.UpdateMetadata},
 *       {@link org.filesync.resolver.Displace}, {@link org.filesync.resolver.Move}, {@link
 *       org.filesync.resolver.Delete} (and {@link
 *       org.filesync.resolver.conflict.Preserve}), each
 *       with a {@link org.filesync.resolver.Direction} and the {@link
 *       org.filesync.api.path.EntryFacts} a job re-checks before acting.
 *   <li>{@link org.filesync.resolver.Checkpoint}: the per-side change sequences that make the next
 *       resolution incremental; {@link org.filesync.resolver.SideStats}: counts for the safety
 *       limits; {@link org.filesync.resolver.Skipped}: paths left alone, with the reason; {@link
 *       org.filesync.resolver.PrefixSet}: a helper for modes that skip subtrees in a path-ordered walk.
 *   <li>Bidirectional vocabulary: {@link org.filesync.resolver.Baseline} (the agreed state a
 *       request carries), {@link org.filesync.resolver.BaselineUpdate} (what a plan found agreed),
 *       and the conflicts of {@link org.filesync.resolver.conflict}.
 *   <li>Move detection for modes: {@link org.filesync.resolver.moves}.
 *   <li>{@link org.filesync.resolver.ResolverException}, {@link
 *       org.filesync.resolver.ModeUnavailableException}: every refusal and failure.
 * </ul>
 *
 * <h2>Paths and order</h2>
 *
 * Operation paths are relative to the conduit's ends ({@code /}-separated, never empty), the same
 * on both sides. Copy-phase operations come in {@link org.filesync.index.IndexEntry#PATH_ORDER}
 * (a directory before its content), deletes in the reverse order (content before its directory).
 */
@Version("5.1.0")
package org.filesync.resolver;

import org.osgi.annotation.versioning.Version;
