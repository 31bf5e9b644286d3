package org.filesync.transfer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RenameNoReplaceTest {

    @TempDir
    Path dir;

    @Test
    void withoutNativeCallsAnEmptyDirectoryAtTheNameIsNotReplaced() throws Exception {
        Path staged = Files.createDirectories(dir.resolve("staged/sub"));
        Path taken = Files.createDirectory(dir.resolve("taken"));

        boolean renamed = new RenameNoReplace(Optional.empty()).rename(staged.getParent(), taken);

        assertFalse(renamed);
        assertTrue(Files.isDirectory(staged));
        try (Stream<Path> s = Files.list(taken)) {
            assertEquals(List.of(), s.toList());
        }
    }

    @Test
    void withTheNativeCallsAnEmptyDirectoryAtTheNameIsNotReplaced() throws Exception {
        Path staged = Files.createDirectories(dir.resolve("staged/sub"));
        Path taken = Files.createDirectory(dir.resolve("taken"));

        boolean renamed = new RenameNoReplace(NativeFs.load()).rename(staged.getParent(), taken);

        assertFalse(renamed);
        assertTrue(Files.isDirectory(staged));
    }

    @Test
    void aDirectoryIsRenamedToAFreeName() throws Exception {
        Path staged = Files.createDirectories(dir.resolve("staged/sub"));

        boolean renamed = new RenameNoReplace(Optional.empty()).rename(staged.getParent(), dir.resolve("free"));

        assertTrue(renamed);
        assertTrue(Files.isDirectory(dir.resolve("free/sub")));
    }
}
