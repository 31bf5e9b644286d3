package org.filesync.index;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A conduit's ignore rules: patterns in the syntax of {@code .gitignore} (docs/ignore-rules.md),
 * matched against paths relative to an endpoint, {@code /}-separated. The last matching pattern
 * wins, {@code !} re-includes, and nothing below an ignored directory can be re-included. Two
 * prefixes extend the syntax: {@code (?i)} matches without regard to case, {@code (?d)} marks what
 * the pattern matches as deletable with a directory the plan removes. {@code .filesync} is always
 * ignored. Immutable; safe to share between threads.
 */
public final class IgnoreRules {

    /** No rules: only {@code .filesync} is ignored. */
    public static final IgnoreRules NONE = new IgnoreRules(List.of());

    /** The folder filesync keeps its temp files and trash in, ignored at every depth. */
    private static final String INTERNAL = ".filesync";

    private final List<String> patterns;
    private final List<Rule> rules;

    /**
     * Compiles the patterns.
     *
     * @param patterns the patterns as the user gave them, one per line; blank lines and {@code #}
     *     comments are kept but match nothing
     * @throws IllegalArgumentException if a pattern spans lines or cannot be compiled
     */
    public IgnoreRules(List<String> patterns) {
        this.patterns = List.copyOf(patterns);
        List<Rule> compiled = new ArrayList<>();
        for (String pattern : this.patterns) {
            if (pattern.indexOf('\n') >= 0 || pattern.indexOf('\r') >= 0) {
                throw new IllegalArgumentException("an ignore pattern is one line: " + printable(pattern));
            }
            Rule.parse(pattern).ifPresent(compiled::add);
        }
        this.rules = List.copyOf(compiled);
    }

    /** The patterns as given. */
    public List<String> patterns() {
        return patterns;
    }

    /**
     * A short digest of the patterns, to tell later whether the rules changed: empty without
     * patterns, else the lower-case hex SHA-256 of the patterns joined by {@code \n}.
     */
    public String fingerprint() {
        if (patterns.isEmpty()) {
            return "";
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(String.join("\n", patterns).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof IgnoreRules that && patterns.equals(that.patterns);
    }

    @Override
    public int hashCode() {
        return patterns.hashCode();
    }

    @Override
    public String toString() {
        return "IgnoreRules" + patterns;
    }

    /**
     * What the rules say about a path.
     *
     * @param relativePath the path relative to the endpoint, {@code /}-separated, not empty
     * @param directory whether the path is a directory
     */
    public Verdict verdict(String relativePath, boolean directory) {
        Objects.requireNonNull(relativePath, "relativePath");
        int from = 0;
        while (true) {
            int slash = relativePath.indexOf('/', from);
            String prefix = slash < 0 ? relativePath : relativePath.substring(0, slash);
            boolean isDirectory = slash >= 0 || directory;
            Verdict verdict = own(prefix, isDirectory);
            if (verdict.ignored()) {
                return verdict; // nothing below an ignored directory can be re-included
            }
            if (slash < 0) {
                return verdict;
            }
            from = slash + 1;
        }
    }

    /** Whether the path is ignored. */
    public boolean ignores(String relativePath, boolean directory) {
        return verdict(relativePath, directory).ignored();
    }

    /** Whether there are no patterns (only {@code .filesync} is ignored). */
    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /**
     * The verdict of the rules on one path.
     *
     * @param ignored whether the path is ignored
     * @param deletable whether the deciding pattern carries {@code (?d)}
     * @param pattern the deciding pattern, if a pattern decided
     */
    public record Verdict(boolean ignored, boolean deletable, Optional<String> pattern) {

        static final Verdict INCLUDED = new Verdict(false, false, Optional.empty());
    }

    private Verdict own(String path, boolean directory) {
        int lastSlash = path.lastIndexOf('/');
        String name = path.substring(lastSlash + 1);
        if (name.equals(INTERNAL)) {
            return new Verdict(true, false, Optional.of(INTERNAL + "/"));
        }
        for (int i = rules.size() - 1; i >= 0; i--) {
            Rule rule = rules.get(i);
            if (rule.matches(path, name, directory)) {
                return rule.negated ? Verdict.INCLUDED : new Verdict(true, rule.deletable, Optional.of(rule.source));
            }
        }
        return Verdict.INCLUDED;
    }

    private static String printable(String text) {
        return text.replace("\n", "\\n").replace("\r", "\\r");
    }

    /** One compiled pattern. */
    private static final class Rule {
        final String source;
        final boolean negated;
        final boolean deletable;
        final boolean directoryOnly;
        final boolean anchored;
        final Pattern regex;

        private Rule(
                String source,
                boolean negated,
                boolean deletable,
                boolean directoryOnly,
                boolean anchored,
                Pattern regex) {
            this.source = source;
            this.negated = negated;
            this.deletable = deletable;
            this.directoryOnly = directoryOnly;
            this.anchored = anchored;
            this.regex = regex;
        }

        boolean matches(String path, String name, boolean directory) {
            if (directoryOnly && !directory) {
                return false;
            }
            return regex.matcher(anchored ? path : name).matches();
        }

        static Optional<Rule> parse(String line) {
            String text = line;
            boolean caseless = false;
            boolean deletable = false;
            while (true) {
                if (text.startsWith("(?i)")) {
                    caseless = true;
                    text = text.substring(4);
                } else if (text.startsWith("(?d)")) {
                    deletable = true;
                    text = text.substring(4);
                } else {
                    break;
                }
            }
            text = trimTrailingSpaces(text);
            if (text.isEmpty() || text.startsWith("#")) {
                return Optional.empty();
            }
            boolean negated = false;
            if (text.startsWith("!")) {
                negated = true;
                text = text.substring(1);
            } else if (text.startsWith("\\!") || text.startsWith("\\#")) {
                text = text.substring(1);
            }
            boolean directoryOnly = false;
            if (text.endsWith("/") && !text.endsWith("\\/")) {
                directoryOnly = true;
                text = text.substring(0, text.length() - 1);
            }
            if (text.isEmpty()) {
                return Optional.empty();
            }
            boolean anchored = text.indexOf('/') >= 0;
            if (text.startsWith("/")) {
                text = text.substring(1);
            }
            int flags = caseless ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0;
            try {
                Pattern regex = Pattern.compile(anchored ? anchoredRegex(text) : segmentRegex(text), flags);
                return Optional.of(new Rule(line, negated, deletable, directoryOnly, anchored, regex));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("invalid ignore pattern '" + line + "': " + e.getDescription(), e);
            }
        }

        /** Trailing spaces go, unless escaped with a backslash. */
        private static String trimTrailingSpaces(String text) {
            int end = text.length();
            while (end > 0 && text.charAt(end - 1) == ' ') {
                int backslashes = 0;
                for (int i = end - 2; i >= 0 && text.charAt(i) == '\\'; i--) {
                    backslashes++;
                }
                if (backslashes % 2 == 1) {
                    break;
                }
                end--;
            }
            return text.substring(0, end);
        }

        /** A pattern with a slash, matched against the whole path; {@code **} spans directories. */
        private static String anchoredRegex(String glob) {
            String[] segments = glob.split("/", -1);
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < segments.length; i++) {
                boolean first = i == 0;
                boolean last = i == segments.length - 1;
                boolean afterLeadingAny = i == 1 && segments[0].equals("**");
                if (segments[i].equals("**")) {
                    if (first && last) {
                        out.append(".*");
                    } else if (first) {
                        out.append("(?:.*/)?"); // in any directory
                    } else if (last) {
                        out.append("/.*"); // everything inside
                    } else {
                        out.append("(?:/.*)?"); // zero or more directories
                    }
                    continue;
                }
                if (!first && !afterLeadingAny) {
                    out.append('/');
                }
                out.append(segmentRegex(segments[i]));
            }
            return out.toString();
        }

        /** One path segment's glob: {@code *} and {@code ?} never cross a {@code /}. */
        private static String segmentRegex(String glob) {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < glob.length(); i++) {
                char c = glob.charAt(i);
                switch (c) {
                    case '*' -> out.append("[^/]*");
                    case '?' -> out.append("[^/]");
                    case '\\' -> {
                        if (i + 1 < glob.length()) {
                            out.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
                        } else {
                            out.append("\\\\");
                        }
                    }
                    case '[' -> {
                        int end = classEnd(glob, i);
                        if (end < 0) {
                            out.append("\\[");
                        } else {
                            out.append(characterClass(glob.substring(i + 1, end)));
                            i = end;
                        }
                    }
                    default -> out.append(Pattern.quote(String.valueOf(c)));
                }
            }
            return out.toString();
        }

        /** Where the bracket expression opened at {@code start} closes, or -1 if it does not. */
        private static int classEnd(String glob, int start) {
            int i = start + 1;
            if (i < glob.length() && (glob.charAt(i) == '!' || glob.charAt(i) == '^')) {
                i++;
            }
            if (i < glob.length() && glob.charAt(i) == ']') {
                i++; // a ']' first is a member
            }
            for (; i < glob.length(); i++) {
                char c = glob.charAt(i);
                if (c == '\\') {
                    i++;
                } else if (c == ']') {
                    return i;
                }
            }
            return -1;
        }

        /** A bracket expression; it never matches a {@code /}. */
        private static String characterClass(String body) {
            int i = 0;
            boolean negated = !body.isEmpty() && (body.charAt(0) == '!' || body.charAt(0) == '^');
            if (negated) {
                i = 1;
            }
            StringBuilder members = new StringBuilder();
            for (; i < body.length(); i++) {
                char c = body.charAt(i);
                if (c == '\\' && i + 1 < body.length()) {
                    members.append(member(body.charAt(++i)));
                } else if (c == '-' && members.length() > 0 && i + 1 < body.length()) {
                    members.append('-'); // a range
                } else {
                    members.append(member(c));
                }
            }
            return negated ? "[^/" + members + "]" : "[" + members + "&&[^/]]";
        }

        /** One literal member of a bracket expression. */
        private static String member(char c) {
            return Character.isLetterOrDigit(c) ? String.valueOf(c) : "\\" + c;
        }
    }
}
