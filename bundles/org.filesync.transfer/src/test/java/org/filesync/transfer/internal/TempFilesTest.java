package org.filesync.transfer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TempFilesTest {

    @TempDir
    Path dir;

    Path tmp;
    TempFiles temps;

    @BeforeEach
    void tmpFolder() throws Exception {
        tmp = Files.createDirectories(dir.resolve(".filesync/tmp"));
        temps = new TempFiles(tmp, "job-");
    }

    @Test
    void eachWorkerThreadWritesIntoAFolderOfItsOwnNamedAfterTheJob() throws Exception {
        Path first = temps.next();
        Path second = temps.next();
        AtomicReference<Path> other = new AtomicReference<>();
        Thread worker = new Thread(() -> {
            try {
                other.set(temps.next());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        worker.start();
        worker.join();

        assertEquals(first.getParent(), second.getParent());
        assertNotEquals(first, second);
        assertNotEquals(first.getParent(), other.get().getParent());
        for (Path temp : List.of(first, second, other.get())) {
            assertEquals(tmp, temp.getParent().getParent());
            assertTrue(temp.getParent().getFileName().toString().startsWith("job-"), temp.toString());
            assertTrue(Files.isDirectory(temp.getParent()));
        }
    }

    @Test
    void leftoversAreRemovedWithTheWorkersFoldersWhilePlacedTempsStayWhereTheyWent() throws Exception {
        Path placed = temps.next();
        Files.writeString(placed, "placed");
        Path target = dir.resolve("target.txt");
        Files.move(placed, target);
        temps.placed(placed);
        Path left = temps.next();
        Files.writeString(left, "left over");

        temps.removeLeftovers();

        assertEquals("placed", Files.readString(target));
        try (Stream<Path> rest = Files.list(tmp)) {
            assertEquals(List.of(), rest.toList());
        }
    }

    @Test
    void aDiscardedTempIsRemovedAtOnce() throws Exception {
        Path temp = temps.next();
        Files.writeString(temp, "partial");

        temps.discard(temp);

        assertFalse(Files.exists(temp));
        assertTrue(Files.isDirectory(temp.getParent()), "the worker's folder stays for its next temp");
    }
}
