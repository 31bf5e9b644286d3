package org.filesync.index.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DigestHasherTest {

    @TempDir
    Path dir;

    private final DigestHasher hasher = new DigestHasher("SHA-256");

    @Test
    void filesHashedOneAfterTheOtherOnOneThreadEachGetTheirOwnSha256() throws Exception {
        Path a = write("a", "first content");
        Path b = write("b", "second, longer content");
        Path empty = write("empty", "");

        assertEquals(sha256("first content"), hasher.hash(a));
        assertEquals(sha256("second, longer content"), hasher.hash(b));
        assertEquals(sha256(""), hasher.hash(empty));
        assertEquals(sha256("first content"), hasher.hash(a));
    }

    @Test
    void aFileThatCannotBeReadDoesNotChangeTheNextHash() throws Exception {
        Path a = write("a", "content");

        assertThrows(NoSuchFileException.class, () -> hasher.hash(dir.resolve("missing")));
        assertThrows(IOException.class, () -> hasher.hash(dir)); // a directory: open succeeds, read fails

        assertEquals(sha256("content"), hasher.hash(a));
    }

    @Test
    void aFileLargerThanTheReadBufferIsHashedWhole() throws Exception {
        byte[] big = new byte[600 * 1024 + 7];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31);
        }
        Path f = dir.resolve("big");
        Files.write(f, big);

        assertEquals(
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(big)), hasher.hash(f));
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    private static String sha256(String s) throws Exception {
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    }
}
