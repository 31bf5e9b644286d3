/**
 * The {@code mirror} sync mode: the target becomes an exact copy of the source, which is never
 * written. The implementation lives in {@code org.filesync.mode.mirror.internal}; nothing is
 * exported: the mode is reached as a {@link org.filesync.resolver.SyncMode} service.
 */
package org.filesync.mode.mirror;
