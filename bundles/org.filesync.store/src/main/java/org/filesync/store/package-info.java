/**
 * The conduit store: {@link org.filesync.store.ConduitStore} persists conduits and their
 * generations. Used by the filesync service bundle; other bundles go through {@code
 * org.filesync.api.FileSyncService}.
 */
@Version("4.0.0")
package org.filesync.store;

import org.osgi.annotation.versioning.Version;
