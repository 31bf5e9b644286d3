/**
 * The conflict strategy plug-in point: {@link org.filesync.conflict.ConflictStrategy}, selected by
 * {@code filesync.conflict}; {@link org.filesync.conflict.ConflictStrategies}, the strategies registered
 * now by name; and {@link org.filesync.conflict.ConflictCopyNames}, the names of the conflict copies a
 * strategy that keeps both versions leaves beside the winner.
 */
@Version("1.1.0")
package org.filesync.conflict;

import org.osgi.annotation.versioning.Version;
