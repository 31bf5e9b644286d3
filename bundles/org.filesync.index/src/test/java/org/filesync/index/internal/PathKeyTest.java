package org.filesync.index.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PathKeyTest {

    private static final List<String> NAMES = List.of(
            "a",
            "a b",
            "a ",
            "a\n",
            "a\tb",
            "a-b",
            "a.b",
            "a/b",
            "a/b/c",
            "a0",
            "A",
            "é",
            "日本",
            "\uD83D\uDE00x",
            "\uFFFF",
            "z",
            "a/ ",
            "a//",
            "\u0001");

    @Test
    void roundTrips() {
        for (String n : NAMES) {
            assertEquals(n, PathKey.decode(PathKey.encode(n)));
        }
    }

    @Test
    void keyOrderIsStringOrderEvenWithBlankPadding() {
        List<String> byName = new ArrayList<>(NAMES);
        byName.sort(null);
        List<String> byKey = new ArrayList<>(NAMES);
        byKey.sort((x, y) -> padCompare(PathKey.encode(x), PathKey.encode(y)));
        assertEquals(byName, byKey);
    }

    /** SQL's comparison of strings: the shorter one is padded with blanks. */
    private static int padCompare(String x, String y) {
        int n = Math.max(x.length(), y.length());
        for (int i = 0; i < n; i++) {
            char a = i < x.length() ? x.charAt(i) : ' ';
            char b = i < y.length() ? y.charAt(i) : ' ';
            if (a != b) {
                return Character.compare(a, b);
            }
        }
        return 0;
    }

    @Test
    void descendantRangeHoldsExactlyTheSubtree() {
        String from = PathKey.descendantsFrom("a");
        String to = PathKey.descendantsTo("a");
        for (String n : NAMES) {
            String k = PathKey.encode(n);
            boolean inRange = padCompare(k, from) >= 0 && padCompare(k, to) < 0;
            assertEquals(n.startsWith("a/"), inRange, n);
        }
    }
}
