package org.filesync.transfer.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.Native;
import java.nio.charset.Charset;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The native calls, through direct mapping (the default) and through interface mapping (its fallback). */
class NativeFsTest {

    private static final Instant T = Instant.parse("2024-03-01T10:15:30.123456789Z");

    @TempDir
    Path dir;

    static Stream<String> mappings() {
        return Stream.of("direct", "interface");
    }

    private static NativeFs fs(String mapping) {
        assumeTrue(System.getProperty("os.name", "").toLowerCase().contains("linux"));
        return new NativeFs(mapping.equals("direct") ? NativeFs.direct() : Native.load("c", NativeFs.LibC.class));
    }

    @Test
    void pathBytesAreTheJdksFileNameBytesNulTerminated() {
        Path p = Path.of("/tmp", "é ü 文件");
        byte[] expected = p.toString().getBytes(Charset.forName(System.getProperty("sun.jnu.encoding")));
        byte[] bytes = NativeFs.path(p);
        assertEquals(expected.length + 1, bytes.length);
        assertEquals(0, bytes[bytes.length - 1]);
        assertArrayEquals(expected, Arrays.copyOf(bytes, expected.length));
    }

    @Test
    void loadUsesTheDirectMappingOnLinux() {
        assumeTrue(System.getProperty("os.name", "").toLowerCase().contains("linux"));
        Optional<NativeFs> fs = NativeFs.load();
        assertTrue(fs.isPresent());
        assertTrue(fs.get().isDirect(), "load() fell back to interface mapping");
    }

    @ParameterizedTest
    @MethodSource("mappings")
    void absentIsTrueOnlyWhenNothingIsThereNotEvenADanglingLink(String mapping) throws Exception {
        NativeFs fs = fs(mapping);
        Path file = Files.writeString(dir.resolve("file"), "x");
        Path dangling = Files.createSymbolicLink(dir.resolve("dangling"), dir.resolve("nowhere"));
        Path sub = Files.createDirectory(dir.resolve("sub"));
        assertTrue(fs.absent(dir.resolve("missing")));
        assertTrue(fs.absent(dir.resolve("missing/child")));
        assertFalse(fs.absent(file));
        assertFalse(fs.absent(dangling), "a dangling link is an entry: the last component is not followed");
        assertFalse(fs.absent(sub));
        assertFalse(fs.absent(file.resolve("child")), "ENOTDIR is not 'absent': the caller looks with lstat");
        if (utf8Paths()) {
            Path nonAscii = Files.writeString(dir.resolve("é ü 文件"), "x");
            assertFalse(fs.absent(nonAscii), "the path bytes name the same file as the JDK's");
        }
    }

    @ParameterizedTest
    @MethodSource("mappings")
    void renameNoReplaceRefusesAnExistingTargetAndLeavesBothAlone(String mapping) throws Exception {
        NativeFs fs = fs(mapping);
        Path from = Files.writeString(dir.resolve("from"), "new");
        Path taken = Files.writeString(dir.resolve("taken"), "kept");
        assertThrows(FileAlreadyExistsException.class, () -> fs.renameNoReplace(from, taken));
        assertEquals("kept", Files.readString(taken));
        assertEquals("new", Files.readString(from));

        Path free = dir.resolve(utf8Paths() ? "é-free" : "free");
        assertTrue(fs.renameNoReplace(from, free));
        assertEquals("new", Files.readString(free));
        assertFalse(Files.exists(from));
    }

    @ParameterizedTest
    @MethodSource("mappings")
    void setTimesSetsNanosecondsOnTheLinkItselfAndSyncfsWorks(String mapping) throws Exception {
        NativeFs fs = fs(mapping);
        Path file = Files.writeString(dir.resolve("f"), "x");
        Path link = Files.createSymbolicLink(dir.resolve("link"), file);
        FileTime before = Files.getLastModifiedTime(file);
        assertTrue(fs.setTimes(link, FileTime.from(T), FileTime.from(T)));
        assertEquals(
                T, Files.getLastModifiedTime(link, LinkOption.NOFOLLOW_LINKS).toInstant());
        assertEquals(before, Files.getLastModifiedTime(file), "the link's target is not touched");
        assertFalse(fs.setTimes(dir.resolve("missing"), FileTime.from(T), FileTime.from(T)));
        fs.syncfs(dir);
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(
                    List.of("f", "link"),
                    s.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    /** Non-ASCII names are tested where the JDK encodes file names in UTF-8 (NativeFs follows it). */
    private static boolean utf8Paths() {
        return "UTF-8".equalsIgnoreCase(System.getProperty("sun.jnu.encoding"));
    }
}
