package org.filesync.verification;

import java.util.function.Consumer;
import org.osgi.annotation.versioning.ProviderType;

/** Verifies that a generation left a conduit's ends in agreement, against a fresh index. */
@ProviderType
public interface Verifier {

    /**
     * Rescans the touched paths on both ends ({@link Verification#WAITING_WATCHER}), waits until
     * both ends' index has settled ({@link Verification#WAITING_LIBRARY_SYNC}), and resolves the
     * conduit again. Blocks until done or the request's timeout passed; never throws for a
     * verification that fails, it returns a {@code failed:} status.
     *
     * @param steps told each step's status as it begins
     */
    Verification verify(VerificationRequest request, Consumer<String> steps);
}
