package org.filesync.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextTest {

    @Test
    void aFailureThatOnlyCountsSkippedWorkAlsoNamesTheFirstPathError() {
        assertEquals(
                "deletes skipped: 2 path(s) not synced; first: /dst/a: source-vanished (the source disappeared: /src/a)",
                Text.failure(List.of(
                        "deletes skipped: 2 path(s) not synced",
                        "/dst/a: source-vanished (the source disappeared: /src/a)",
                        "/dst/b: source-vanished (the source disappeared: /src/b)")));
    }

    @Test
    void aFailureNamingAPathIsItsFirstErrorOnOneLine() {
        assertEquals(
                "/dst/new\\x0aline: disk-full (No space left on device)",
                Text.failure(List.of("/dst/new\nline: disk-full (No space left on device)", "/dst/other: disk-full")));
        assertEquals("internal error: boom", Text.failure(List.of("internal error: boom")));
        assertEquals("", Text.failure(List.of()));
    }
}
