package org.filesync.transfer.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The temp-file name prefixes of copy jobs running in this process, which cleanup must spare. */
final class ActiveTemps {
    private final Set<String> prefixes = ConcurrentHashMap.newKeySet();

    void add(String prefix) {
        prefixes.add(prefix);
    }

    void remove(String prefix) {
        prefixes.remove(prefix);
    }

    boolean isActive(String fileName) {
        for (String p : prefixes) {
            if (fileName.startsWith(p)) {
                return true;
            }
        }
        return false;
    }
}
