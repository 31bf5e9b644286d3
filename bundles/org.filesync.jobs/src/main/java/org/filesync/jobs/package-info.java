/**
 * The shared job service: any bundle can hand work to it and follow it.
 *
 * <ul>
 *   <li>{@link org.filesync.jobs.JobManager}: dispatch a {@link org.filesync.jobs.Job} and get a
 *       {@link org.filesync.jobs.JobHandle} at once; list, cancel and await jobs. Backends are
 *       interchangeable: callers bind the one with the highest {@code service.ranking}.
 *   <li>{@link org.filesync.jobs.Job} and {@link org.filesync.jobs.JobContext}: the work and what
 *       it reports while it runs (progress, cancellation).
 *   <li>{@link org.filesync.jobs.JobStatus}, {@link org.filesync.jobs.JobProgress},
 *       {@link org.filesync.jobs.JobResult}, {@link org.filesync.jobs.ItemError}: immutable
 *       snapshots, never live objects.
 *   <li>{@link org.filesync.jobs.JobEvents}: EventAdmin topics and property names.
 *   <li>{@link org.filesync.jobs.JobException} and its subclasses: refusals and cancellation.
 * </ul>
 */
@Version("1.0.0")
package org.filesync.jobs;

import org.osgi.annotation.versioning.Version;
