/**
 * The conduit store, one interface per aggregate, each method one transaction:
 *
 * <ul>
 *   <li>{@link org.filesync.store.ConduitStore}: conduits, their options, statistics and schedule state;
 *   <li>{@link org.filesync.store.GenerationStore}: generations with their plans, and the checkpoint a
 *       verified one leaves ({@link org.filesync.store.SequenceCheckpoint});
 *   <li>{@link org.filesync.store.BaselineStore}: the state both ends agreed on, path by path
 *       ({@link org.filesync.store.BaselineRecord}, {@link org.filesync.store.BaselineReader});
 *   <li>{@link org.filesync.store.ConflictStore}: the conflict queue and the users' decisions
 *       ({@link org.filesync.store.DetectedConflict}).
 * </ul>
 *
 * Used by the filesync service and scheduler bundles; other bundles go through {@code
 * org.filesync.api.FileSyncService}.
 */
@Version("4.0.0")
package org.filesync.store;

import org.osgi.annotation.versioning.Version;
