/**
 * The facts about a path, in the words every bundle uses: {@link org.filesync.api.path.EntryKind}
 * (file, directory, symlink or other) and {@link org.filesync.api.path.EntryFacts} (kind, size,
 * modification time, mode, link target and content hash). The index records them, the resolver
 * plans with them, the store keeps the agreed ones and the transfer re-checks them before it
 * replaces or deletes. {@link org.filesync.api.path.Witness} (device, inode, change time, size,
 * mtime) proves a file unwritten since it was looked at: the copy hands the index the hash of what
 * it wrote under it.
 */
@Version("1.1.0")
package org.filesync.api.path;

import org.osgi.annotation.versioning.Version;
