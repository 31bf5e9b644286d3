/** The mirror mode's component and planner. Not exported. */
package org.filesync.mode.mirror.internal;
