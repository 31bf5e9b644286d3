package org.filesync.transfer;

/** A transfer request that cannot be carried out at all (per-item problems are item outcomes instead). */
public class TransferException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TransferException(String message) {
        super(message);
    }

    public TransferException(String message, Throwable cause) {
        super(message, cause);
    }
}
