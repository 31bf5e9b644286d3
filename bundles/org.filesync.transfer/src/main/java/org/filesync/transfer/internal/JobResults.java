package org.filesync.transfer.internal;

import java.util.ArrayList;
import java.util.List;
import org.filesync.jobs.ItemError;
import org.filesync.jobs.JobResult;
import org.filesync.transfer.ItemOutcome;

/** The result of a transfer job, summed from its item outcomes. */
final class JobResults {

    private JobResults() {}

    /** Items done, bytes written and one error per item not done, with the one-line summary. */
    static JobResult of(List<ItemOutcome> outcomes) {
        long ok = 0;
        long bytes = 0;
        List<ItemError> errors = new ArrayList<>();
        for (ItemOutcome o : outcomes) {
            if (o.done()) {
                ok++;
                bytes += o.bytes();
            } else {
                errors.add(new ItemError(o.path().toString(), o.reason(), o.message()));
            }
        }
        return new JobResult(ok, bytes, errors, ok + " done, " + errors.size() + " failed, " + bytes + " bytes");
    }
}
