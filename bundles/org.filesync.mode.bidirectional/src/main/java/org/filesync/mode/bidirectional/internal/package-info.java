/** The bidirectional mode's component and planner. Not exported. */
package org.filesync.mode.bidirectional.internal;
