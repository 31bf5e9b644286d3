package org.filesync.verification;

import java.util.function.Consumer;
import org.osgi.annotation.versioning.ProviderType;

/** Verifies that a generation left a conduit's ends in agreement, against a fresh index. */
@ProviderType
public interface Verifier {

    /** The activity while the watcher applies the events of the generation's own writes. */
    String CATCHING_UP = "catching up with the watcher";

    /** The activity while the index of both ends settles after the rescan. */
    String SETTLING = "waiting for the index to settle";

    /** The activity while the conduit is resolved again, which must find nothing left to do. */
    String RESOLVING = "resolving again";

    /**
     * Rescans the touched paths on both ends ({@link Verification#WAITING_WATCHER}), waits until
     * both ends' index has settled ({@link Verification#WAITING_LIBRARY_SYNC}), and resolves the
     * conduit again. Blocks until done or the request's timeout passed; never throws for a
     * verification that fails, it returns a {@code failed:} status.
     *
     * @param steps told each step's status as it begins
     */
    default Verification verify(VerificationRequest request, Consumer<String> steps) {
        return verify(request, steps, activity -> {});
    }

    /**
     * {@link #verify(VerificationRequest, Consumer)}, telling also what it does within each step, for
     * progress displays.
     *
     * @param activities told each activity as it begins: {@link #CATCHING_UP}, {@code rescanning N
     *     paths} (or {@code rescanning ...} whole ends), {@link #SETTLING}, {@link #RESOLVING}
     */
    Verification verify(VerificationRequest request, Consumer<String> steps, Consumer<String> activities);
}
