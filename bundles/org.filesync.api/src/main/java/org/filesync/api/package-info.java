/**
 * The filesync API.
 *
 * <ul>
 *   <li>{@link org.filesync.api.FileSyncService}: the service other bundles and the shell call.
 *   <li>{@link org.filesync.api.Conduit}, {@link org.filesync.api.ConduitSpec},
 *       {@link org.filesync.api.ConduitOptions}, {@link org.filesync.api.Schedule},
 *       {@link org.filesync.api.ConduitStatistics}: a conduit and its settings; {@link
 *       org.filesync.api.RegisteredPlugins}: the plug-in names its settings may use now.
 *   <li>{@link org.filesync.api.Generation}: one numbered sync run of a conduit.
 *   <li>{@link org.filesync.api.PathConflict}: a conflict of a bidirectional conduit; {@link
 *       org.filesync.api.ConflictResolution}: one a user resolved, and the run that applies it.
 *   <li>{@link org.filesync.api.FileSyncException} and its subclasses: every refusal, with a
 *       message a user can act on.
 *   <li>{@link org.filesync.api.FileSyncEvents}: EventAdmin topics and property names.
 * </ul>
 */
@Version("4.1.0")
package org.filesync.api;

import org.osgi.annotation.versioning.Version;
