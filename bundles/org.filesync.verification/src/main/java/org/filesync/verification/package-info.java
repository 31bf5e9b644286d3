/**
 * Trust Watcher verification (docs/run-phases.md, step 6): {@link
 * org.filesync.verification.Verifier} has the index rescan what a generation touched, waits until
 * both ends are settled, and resolves again; a generation is verified when nothing is left to do.
 */
@Version("2.1.0")
package org.filesync.verification;

import org.osgi.annotation.versioning.Version;
