package org.filesync.resolver;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PrefixSetTest {

    @Test
    void coversSubtreesAcrossInterleavedSiblings() {
        PrefixSet set = new PrefixSet();
        assertFalse(set.covers("a"));
        set.add("a");
        assertFalse(set.covers("a-b"), "a sibling sorting between a and a/ is not under a");
        set.add("a-b");
        assertTrue(set.covers("a-b/x"));
        assertFalse(set.covers("a.c"));
        assertTrue(set.covers("a/x"), "a mark survives siblings sorting before its subtree");
        assertTrue(set.covers("a/y/z"));
        assertFalse(set.covers("a0"));
        assertFalse(set.covers("b/x"));
    }

    @Test
    void nestedMarksAreBothSeen() {
        PrefixSet set = new PrefixSet();
        set.add("a");
        set.add("a/b-c");
        assertTrue(set.covers("a/b-c.d"));
        assertTrue(set.covers("a/b-c/x"));
        assertTrue(set.covers("a/z"));
        assertFalse(set.covers("ab"));
    }
}
