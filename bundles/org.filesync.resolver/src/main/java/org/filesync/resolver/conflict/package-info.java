/**
 * The conflict vocabulary, shared by the resolver, the modes that find conflicts and the conflict
 * strategies that decide them.
 *
 * <ul>
 *   <li>{@link org.filesync.resolver.conflict.Conflict}, {@link
 *       org.filesync.resolver.conflict.ConflictType}: a path both ends changed incompatibly since
 *       the baseline.
 *   <li>{@link org.filesync.resolver.conflict.ConflictStrategy}: the plug-in point that decides one
 *       ({@code filesync.conflict=…}), with a {@link org.filesync.resolver.conflict.ConflictDecision}.
 *   <li>{@link org.filesync.resolver.conflict.PlannedConflict}: a conflict a plan found and the
 *       decision it carries out; {@link org.filesync.resolver.conflict.Preserve}: the operation
 *       that keeps a loser as its conflict copy.
 * </ul>
 */
@Version("1.0.0")
package org.filesync.resolver.conflict;

import org.osgi.annotation.versioning.Version;
