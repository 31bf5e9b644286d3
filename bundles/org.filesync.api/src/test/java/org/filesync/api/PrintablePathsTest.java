package org.filesync.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PrintablePathsTest {

    @Test
    void escapesControlCharactersAndKeepsEverythingElse() {
        assertEquals("a\\x0ab\\x09c/ü 🎉", PrintablePaths.printable("a\nb\tc/ü 🎉"));
    }
}
