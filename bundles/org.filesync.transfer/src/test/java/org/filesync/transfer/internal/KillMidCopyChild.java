package org.filesync.transfer.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.filesync.transfer.CopyItem;
import org.filesync.transfer.TransferOptions;

/**
 * The JVM that {@link KillMidCopyTest} kills: copies one file over an existing target with a
 * bandwidth limit and prints {@code COPYING} on standard output once a quarter of the file is in
 * its temp file. When the source is a directory, it copies it whole to the free name {@code target}
 * instead (each entry a copy to a new name, as a plan has it), and prints {@code COPYING} once a
 * quarter of its bytes are written.
 */
public final class KillMidCopyChild {

    private KillMidCopyChild() {}

    public static void main(String[] args) throws Exception {
        Path endpoint = Path.of(args[0]);
        Path source = Path.of(args[1]);
        Path target = Path.of(args[2]);
        long bandwidth = Long.parseLong(args[3]);
        AtomicBoolean told = new AtomicBoolean();
        List<CopyItem> items = new java.util.ArrayList<>();
        long bytes = 0;
        if (java.nio.file.Files.isDirectory(source)) {
            try (var walk = java.nio.file.Files.walk(source)) {
                for (Path p : (Iterable<Path>) walk.sorted()::iterator) {
                    items.add(CopyItem.toNew(
                            p, target.resolve(source.relativize(p).toString())));
                    bytes += java.nio.file.Files.isRegularFile(p) ? java.nio.file.Files.size(p) : 0;
                }
            }
        } else {
            items.add(CopyItem.replacing(source, target, TransferTestSupport.stateOf(target)));
            bytes = java.nio.file.Files.size(source);
        }
        long quarter = bytes / 4;
        DirectContext ctx = new DirectContext() {
            @Override
            public void addBytes(long n) {
                if (bytes.addAndGet(n) >= quarter && told.compareAndSet(false, true)) {
                    System.out.println("COPYING");
                    System.out.flush();
                }
            }
        };
        TransferTestSupport.copyJob(items, TransferOptions.of(endpoint, "1").withBandwidth(bandwidth))
                .run(ctx);
        System.out.println("FINISHED");
    }
}
