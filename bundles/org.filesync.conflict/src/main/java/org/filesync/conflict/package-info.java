/**
 * The conflict strategy plug-in point: {@link org.filesync.conflict.ConflictStrategy}, selected by
 * {@code filesync.conflict}, and {@link org.filesync.conflict.ConflictCopyNames}, the names of the
 * conflict copies a strategy that keeps both versions leaves beside the winner.
 */
@Version("1.0.0")
package org.filesync.conflict;

import org.osgi.annotation.versioning.Version;
