package org.filesync.api;

import java.util.Objects;

/**
 * A sync run was refused before it changed anything: the conduit is disabled or already syncing,
 * its index did not settle in time, an endpoint is missing, or a safety limit would be exceeded.
 * {@link #reason()} tells which, so that a scheduler can hold a conduit rather than retry it.
 */
public class SyncRefusedException extends FileSyncException {
    private static final long serialVersionUID = 1L;

    /** Why a run was refused. */
    public enum Reason {
        /** The conduit is disabled. */
        DISABLED,
        /** A run of the conduit is under way. */
        ALREADY_SYNCING,
        /** The index of an end did not settle within the settle timeout. */
        NOT_SETTLED,
        /** An endpoint is missing, unreadable or not a directory. */
        ENDPOINT_MISSING,
        /** An endpoint lost the marker an earlier run left (an unmounted or replaced folder?). */
        ENDPOINT_UNMARKED,
        /** The plan would delete more than the conduit's max-delete limit allows. */
        SAFETY_LIMIT,
        /** The service or a plug-in the conduit needs is not available now. */
        UNAVAILABLE
    }

    private final Reason reason;

    public SyncRefusedException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** A refusal for a reason of {@link Reason#UNAVAILABLE}. */
    public SyncRefusedException(String message) {
        this(Reason.UNAVAILABLE, message);
    }

    /** Why the run was refused. */
    public Reason reason() {
        return reason;
    }

    /** Whether only a person can lift it: a safety limit or an endpoint to check (docs/schedules.md). */
    public boolean holds() {
        return reason == Reason.SAFETY_LIMIT || reason == Reason.ENDPOINT_MISSING || reason == Reason.ENDPOINT_UNMARKED;
    }
}
