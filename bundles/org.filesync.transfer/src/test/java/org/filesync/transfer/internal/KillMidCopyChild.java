package org.filesync.transfer.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.filesync.transfer.CopyItem;
import org.filesync.transfer.TransferOptions;

/**
 * The JVM that {@link KillMidCopyTest} kills: copies one file over an existing target with a
 * bandwidth limit and prints {@code COPYING} on standard output once a quarter of the file is in
 * its temp file.
 */
public final class KillMidCopyChild {

    private KillMidCopyChild() {}

    public static void main(String[] args) throws Exception {
        Path endpoint = Path.of(args[0]);
        Path source = Path.of(args[1]);
        Path target = Path.of(args[2]);
        long bandwidth = Long.parseLong(args[3]);
        AtomicBoolean told = new AtomicBoolean();
        long quarter = java.nio.file.Files.size(source) / 4;
        DirectContext ctx = new DirectContext() {
            @Override
            public void addBytes(long n) {
                if (bytes.addAndGet(n) >= quarter && told.compareAndSet(false, true)) {
                    System.out.println("COPYING");
                    System.out.flush();
                }
            }
        };
        CopyItem item = CopyItem.replacing(source, target, TransferTestSupport.stateOf(target));
        TransferTestSupport.copyJob(
                        List.of(item), TransferOptions.of(endpoint, "1").withBandwidth(bandwidth))
                .run(ctx);
        System.out.println("FINISHED");
    }
}
