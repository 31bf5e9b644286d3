package org.filesync.api;

/**
 * How filesync writes a path into a one-line message, a log line or a stored plan line: control
 * characters (a newline in a file name, say) become {@code \xNN}, so the line stays one line.
 */
public final class PrintablePaths {

    private PrintablePaths() {}

    /** The text with every ISO control character written as {@code \xNN}. */
    public static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(String.format("\\x%02x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
