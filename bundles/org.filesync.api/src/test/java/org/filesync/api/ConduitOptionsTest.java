package org.filesync.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ConduitOptionsTest {

    @Test
    void defaultsAreThoseOfTheSpecification() {
        ConduitOptions defaults = ConduitOptions.defaults();
        assertEquals("mirror", defaults.mode());
        assertEquals("newest-wins", defaults.conflictStrategy());
        assertEquals("trash", defaults.deleteStrategy());
        assertEquals(Schedule.MANUAL, defaults.schedule());
        assertEquals(4, defaults.parallelTransfers());
        assertEquals(0, defaults.bandwidthLimit());
        assertEquals(50, defaults.maxDeletePercent());
        assertTrue(defaults.enabled());
    }

    @Test
    void withersChangeOnlyTheirOwnField() {
        ConduitOptions changed =
                ConduitOptions.defaults().withParallelTransfers(8).withMaxDeletePercent(10);
        assertEquals(8, changed.parallelTransfers());
        assertEquals(10, changed.maxDeletePercent());
        assertEquals(ConduitOptions.defaults().withParallelTransfers(8).withMaxDeletePercent(10), changed);
        assertEquals("mirror", changed.mode());
    }

    @Test
    void refusesOutOfRangeNumbersNamingTheOption() {
        ConduitOptions defaults = ConduitOptions.defaults();
        assertEquals(
                "parallel",
                assertThrows(InvalidOptionException.class, () -> defaults.withParallelTransfers(0))
                        .option());
        assertEquals(
                "parallel",
                assertThrows(InvalidOptionException.class, () -> defaults.withParallelTransfers(65))
                        .option());
        assertEquals(
                "max-delete",
                assertThrows(InvalidOptionException.class, () -> defaults.withMaxDeletePercent(-1))
                        .option());
        assertEquals(
                "max-delete",
                assertThrows(InvalidOptionException.class, () -> defaults.withMaxDeletePercent(101))
                        .option());
        assertEquals(
                "bandwidth",
                assertThrows(InvalidOptionException.class, () -> defaults.withBandwidthLimit(-5))
                        .option());
    }

    @Test
    void refusesMalformedPluginNames() {
        ConduitOptions defaults = ConduitOptions.defaults();
        assertEquals(
                "mode",
                assertThrows(InvalidOptionException.class, () -> defaults.withMode("Mirror"))
                        .option());
        assertEquals(
                "conflict",
                assertThrows(InvalidOptionException.class, () -> defaults.withConflictStrategy("a b"))
                        .option());
        assertEquals(
                "delete",
                assertThrows(InvalidOptionException.class, () -> defaults.withDeleteStrategy(null))
                        .option());
    }

    @Test
    void ignorePatternsKeepTheirOrderAndABlankOrMultiLinePatternIsRefused() {
        ConduitOptions ruled = ConduitOptions.defaults().withIgnores(List.of("b/", "(?d)*.tmp", "!a.tmp"));
        assertEquals(List.of("b/", "(?d)*.tmp", "!a.tmp"), ruled.ignores());
        assertEquals(List.of(), ConduitOptions.defaults().ignores());
        for (String bad : List.of("", "  ", "a\nb", "x".repeat(ConduitOptions.MAX_IGNORE_PATTERN_LENGTH + 1))) {
            assertEquals(
                    "ignore",
                    assertThrows(InvalidOptionException.class, () -> ruled.withIgnores(List.of(bad)))
                            .option());
        }
    }

    @Test
    void aBandwidthIsBytesPerSecondWithBinaryUnitsInAnyCase() {
        assertEquals(OptionalLong.of(0), ConduitOptions.parseBandwidth("0"));
        assertEquals(OptionalLong.of(512_000), ConduitOptions.parseBandwidth(" 512000 "));
        assertEquals(OptionalLong.of(500 * 1024), ConduitOptions.parseBandwidth("500k"));
        assertEquals(OptionalLong.of(10L << 20), ConduitOptions.parseBandwidth("10M"));
        assertEquals(OptionalLong.of(1L << 30), ConduitOptions.parseBandwidth("1g"));
    }

    @Test
    void anythingElseIsNoBandwidth() {
        for (String bad : List.of("", "k", "-1", "1.5M", "10 MB", "9223372036854775807k")) {
            assertEquals(OptionalLong.empty(), ConduitOptions.parseBandwidth(bad), bad);
        }
    }
}
