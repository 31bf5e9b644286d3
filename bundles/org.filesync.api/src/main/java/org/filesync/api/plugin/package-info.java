/**
 * Choosing a plug-in by name: {@link org.filesync.api.plugin.RankedPlugins} keeps the services of one
 * plug-in family (sync modes, conflict strategies, delete strategies) keyed by their naming service
 * property, in service reference order. The owner of a family uses it for its dynamic reference and
 * publishes the names it has, so that no list of plug-in names is written by hand.
 */
@Version("1.0.0")
package org.filesync.api.plugin;

import org.osgi.annotation.versioning.Version;
