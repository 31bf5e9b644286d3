/**
 * Move detection for sync modes: {@link org.filesync.resolver.moves.MovePairing} turns the
 * creations and deletions a plan makes on one end into {@link org.filesync.resolver.Move moves}
 * where the deleted entry only changed its name (the same file content, or the same directory
 * subtree, with exactly one candidate on each side).
 */
@Version("1.0.0")
package org.filesync.resolver.moves;

import org.osgi.annotation.versioning.Version;
