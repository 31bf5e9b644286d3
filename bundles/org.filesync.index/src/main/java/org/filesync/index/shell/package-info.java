/**
 * The index's Karaf commands, {@code filesync:location-list} and {@code filesync:rescan}: private
 * to the bundle, found by Karaf through the {@code Karaf-Commands} header.
 */
package org.filesync.index.shell;
