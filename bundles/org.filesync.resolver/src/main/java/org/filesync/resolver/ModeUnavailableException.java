package org.filesync.resolver;

/** No {@link SyncMode} of the requested name is registered: {@code No sync mode 'x' is available}. */
public class ModeUnavailableException extends ResolverException {
    private static final long serialVersionUID = 1L;

    private final String mode;

    public ModeUnavailableException(String mode) {
        super("No sync mode '" + mode + "' is available");
        this.mode = mode;
    }

    /** The missing mode's name. */
    public String mode() {
        return mode;
    }
}
