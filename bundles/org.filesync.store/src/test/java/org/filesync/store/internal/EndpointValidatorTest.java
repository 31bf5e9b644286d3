package org.filesync.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.filesync.api.Conduit;
import org.filesync.api.ConduitOptions;
import org.filesync.api.ConduitStatistics;
import org.filesync.api.DuplicateConduitException;
import org.filesync.api.InvalidEndpointException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EndpointValidatorTest {

    @TempDir
    Path root;

    private Path source;
    private Path target;

    @BeforeEach
    void createEndpoints() throws IOException {
        source = Files.createDirectories(root.resolve("src"));
        target = Files.createDirectories(root.resolve("dst"));
    }

    @Test
    void acceptsTwoDistinctDirectoriesAndReturnsTheirRealPaths() throws IOException {
        EndpointValidator.Endpoints endpoints =
                EndpointValidator.validate(root + "/dst/../src", target.toString(), List.of());
        assertEquals(source.toRealPath(), endpoints.source());
        assertEquals(target.toRealPath(), endpoints.target());
    }

    @Test
    void refusesARelativePath() {
        assertRefused("relative/dir", target.toString(), "must be absolute");
    }

    @Test
    void refusesAMissingEndpoint() {
        assertRefused(source.toString(), root.resolve("missing").toString(), "does not exist");
    }

    @Test
    void refusesAFileAsEndpoint() throws IOException {
        Path file = Files.writeString(root.resolve("file.txt"), "x");
        assertRefused(file.toString(), target.toString(), "is not a directory");
    }

    @Test
    void refusesTheSameDirectoryEvenThroughDotDot() {
        assertRefused(source.toString(), root + "/dst/../src", "same directory");
    }

    @Test
    void refusesATargetInsideTheSource() throws IOException {
        Path nested = Files.createDirectories(source.resolve("inner"));
        assertRefused(source.toString(), nested.toString(), "is inside source");
    }

    @Test
    void refusesASourceInsideTheTarget() throws IOException {
        Path nested = Files.createDirectories(target.resolve("inner"));
        assertRefused(nested.toString(), target.toString(), "is inside target");
    }

    @Test
    void refusesASymlinkedEndpoint() throws IOException {
        Path link = Files.createSymbolicLink(root.resolve("link"), target);
        assertRefused(source.toString(), link.toString(), "symbolic link");
    }

    @Test
    void refusesEndpointsThatNestThroughASymlinkedParent() throws IOException {
        Path alias = Files.createSymbolicLink(root.resolve("alias"), source);
        Files.createDirectories(source.resolve("deep"));
        assertRefused(source.toString(), alias + "/deep", "is inside source");
    }

    @Test
    void refusesAPairAnotherConduitBindsInEitherDirection() throws IOException {
        Conduit existing = new Conduit(
                7,
                UUID.randomUUID(),
                source.toRealPath(),
                target.toRealPath(),
                ConduitOptions.defaults(),
                Optional.empty(),
                0,
                Optional.empty(),
                ConduitStatistics.NONE);
        DuplicateConduitException same = assertThrows(
                DuplicateConduitException.class,
                () -> EndpointValidator.validate(source.toString(), target.toString(), List.of(existing)));
        assertEquals(7, same.existingId());
        assertThrows(
                DuplicateConduitException.class,
                () -> EndpointValidator.validate(target.toString(), source.toString(), List.of(existing)));
    }

    @Test
    void escapesControlCharactersSoTheErrorStaysOnOneLine() {
        InvalidEndpointException error = assertThrows(
                InvalidEndpointException.class,
                () -> EndpointValidator.validate(root + "/new\nline", target.toString(), List.of()));
        assertTrue(error.getMessage().contains("new\\x0aline"), error.getMessage());
        assertTrue(!error.getMessage().contains("\n"));
    }

    private void assertRefused(String givenSource, String givenTarget, String expected) {
        InvalidEndpointException error = assertThrows(
                InvalidEndpointException.class, () -> EndpointValidator.validate(givenSource, givenTarget, List.of()));
        assertTrue(error.getMessage().contains(expected), error.getMessage());
    }
}
