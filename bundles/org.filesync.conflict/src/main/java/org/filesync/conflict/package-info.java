/**
 * The conflict strategies: {@link org.filesync.conflict.ConflictStrategies}, the {@link
 * org.filesync.resolver.conflict.ConflictStrategy} plug-ins registered now by name ({@code
 * filesync.conflict}); and {@link org.filesync.conflict.ConflictCopyNames}, the names of the conflict copies a
 * strategy that keeps both versions leaves beside the winner.
 */
@Version("2.0.0")
package org.filesync.conflict;

import org.osgi.annotation.versioning.Version;
