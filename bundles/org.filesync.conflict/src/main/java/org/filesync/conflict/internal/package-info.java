/**
 * The built-in conflict strategies (docs/sync-modes.md): {@code newest-wins}, {@code source-wins},
 * {@code target-wins}, {@code conflict-file} and {@code prompt}. Not exported.
 */
package org.filesync.conflict.internal;
