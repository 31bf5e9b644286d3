package org.filesync.index.internal;

/**
 * Encodes relative paths into database keys whose plain character order equals {@link
 * String#compareTo} on the paths, whatever the database's collation: each UTF-16 code unit
 * becomes three ASCII characters in {@code '0'..'o'} (4 + 6 + 6 bits, most significant first).
 * Every key character sorts above the blank, so SQL's blank-padding comparison of strings of
 * different lengths cannot reorder or equate keys (it would for paths ending in blanks or
 * containing control characters), and a proper prefix sorts first.
 */
final class PathKey {

    private static final char BASE = '0';

    private PathKey() {}

    static String encode(String path) {
        char[] out = new char[path.length() * 3];
        for (int i = 0, j = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            out[j++] = (char) (BASE + (c >>> 12));
            out[j++] = (char) (BASE + ((c >>> 6) & 0x3F));
            out[j++] = (char) (BASE + (c & 0x3F));
        }
        return new String(out);
    }

    static String decode(String key) {
        if (key.length() % 3 != 0) {
            throw new IllegalArgumentException("not a path key: " + key);
        }
        char[] out = new char[key.length() / 3];
        for (int i = 0, j = 0; i < out.length; i++) {
            int c = (key.charAt(j++) - BASE) << 12;
            c |= (key.charAt(j++) - BASE) << 6;
            c |= key.charAt(j++) - BASE;
            out[i] = (char) c;
        }
        return new String(out);
    }

    /** The smallest key of the strict descendants of {@code dir} ({@code dir + "/"}). */
    static String descendantsFrom(String dir) {
        return encode(dir + "/");
    }

    /** The key just above every strict descendant of {@code dir} ({@code dir + "0"}, '0' = '/' + 1). */
    static String descendantsTo(String dir) {
        return encode(dir + "0");
    }

    /** The longest encodable path, in UTF-16 code units (the key column holds 3 characters each). */
    static final int MAX_PATH_LENGTH = 4096;

    static final int KEY_LENGTH = MAX_PATH_LENGTH * 3;
}
