/**
 * The facts about a path, in the words every bundle uses: {@link org.filesync.api.path.EntryKind}
 * (file, directory, symlink or other) and {@link org.filesync.api.path.EntryFacts} (kind, size,
 * modification time, mode, link target and content hash). The index records them, the resolver
 * plans with them, the store keeps the agreed ones and the transfer re-checks them before it
 * replaces or deletes.
 */
@Version("1.0.0")
package org.filesync.api.path;

import org.osgi.annotation.versioning.Version;
