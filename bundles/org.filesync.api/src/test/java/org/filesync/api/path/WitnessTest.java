package org.filesync.api.path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WitnessTest {

    @TempDir
    Path dir;

    @Test
    void aFileLeftAloneKeepsItsWitness() throws IOException {
        Path file = Files.writeString(dir.resolve("a"), "content");
        Witness first = Witness.read(file).orElseThrow();
        assertEquals(first, Witness.read(file).orElseThrow());
        assertEquals(7, first.size());
        assertEquals(Files.getLastModifiedTime(file).to(java.util.concurrent.TimeUnit.NANOSECONDS), first.mtimeNanos());
    }

    @Test
    void aRewriteThatRestoresSizeAndMtimeChangesTheWitness() throws IOException {
        Path file = Files.writeString(dir.resolve("a"), "content");
        FileTime mtime = Files.getLastModifiedTime(file);
        Witness before = Witness.read(file).orElseThrow();
        Files.writeString(file, "CONTENT");
        Files.setLastModifiedTime(file, mtime);
        Witness after = Witness.read(file).orElseThrow();
        assertEquals(before.size(), after.size());
        assertEquals(before.mtimeNanos(), after.mtimeNanos());
        assertNotEquals(before.ctimeNanos(), after.ctimeNanos());
        assertNotEquals(before, after);
    }

    @Test
    void anotherFileRenamedOntoThePathHasAnotherInode() throws IOException {
        Path file = Files.writeString(dir.resolve("a"), "content");
        Witness before = Witness.read(file).orElseThrow();
        Path other = Files.writeString(dir.resolve("b"), "content");
        Files.setLastModifiedTime(other, Files.getLastModifiedTime(file));
        Files.move(other, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        assertNotEquals(before.inode(), Witness.read(file).orElseThrow().inode());
    }

    @Test
    void aMissingFileHasNoWitness() {
        assertThrows(NoSuchFileException.class, () -> Witness.read(dir.resolve("missing")));
    }

    @Test
    void aNegativeSizeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Witness(1, 2, 3, -1, 4));
    }
}
