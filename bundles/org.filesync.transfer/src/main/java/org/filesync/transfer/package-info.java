/**
 * Copy and delete jobs that run on the shared {@link org.filesync.jobs.JobManager}.
 *
 * <ul>
 *   <li>{@link org.filesync.transfer.TransferService}: builds {@link org.filesync.transfer.TransferJob}s
 *       from a {@link org.filesync.transfer.CopyRequest} or {@link org.filesync.transfer.DeleteRequest},
 *       dispatches them, cleans an endpoint's leftovers, and names the delete strategies registered.
 *   <li>{@link org.filesync.transfer.CopyItem}, {@link org.filesync.transfer.DeleteItem} with
 *       the {@link org.filesync.api.path.EntryFacts} the plan saw, {@link org.filesync.transfer.ContentHash}:
 *       every replace and delete is re-checked against them; a copy item may instead rename a
 *       {@link org.filesync.transfer.MoveOrigin} of the target endpoint into place.
 *   <li>{@link org.filesync.transfer.TransferOptions}, {@link org.filesync.transfer.DeleteOptions}: where
 *       the endpoint is (temp files in {@code .filesync/tmp}, trash in {@code .filesync/trash}),
 *       parallelism, bandwidth.
 *   <li>{@link org.filesync.transfer.ItemOutcome} and {@link org.filesync.transfer.TransferReasons}:
 *       per-item results; {@link org.filesync.transfer.WrittenFiles}: told of each file placed with
 *       its {@link org.filesync.api.path.Witness} and the hash computed while writing it.
 *   <li>{@link org.filesync.transfer.DeleteStrategy}: the plug-in that removes entries ({@code trash},
 *       {@code permanent}).
 * </ul>
 */
@Version("2.2.0")
package org.filesync.transfer;

import org.osgi.annotation.versioning.Version;
