package org.filesync.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConduitTest {

    @Test
    void anIdIsAPositiveNumberAroundWhichSpacesDoNotCount() {
        assertEquals(42, Conduit.parseId("42"));
        assertEquals(7, Conduit.parseId(" 7 "));
    }

    @ParameterizedTest
    @CsvSource({"abc", "0", "-3", "1.5"})
    void anythingElseIsRefusedWithAMessageNamingWhatWasGiven(String text) {
        InvalidRequestException refused = assertThrows(InvalidRequestException.class, () -> Conduit.parseId(text));
        assertEquals("Invalid conduit id '" + text + "': expected a positive number", refused.getMessage());
    }
}
