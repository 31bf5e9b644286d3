package org.filesync.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ignore rules against {@code git check-ignore --no-index}, the reference for what matches. */
class IgnoreRulesTest {

    private static final List<String> NAMES = List.of(
            "a",
            "b",
            "ab",
            "foo",
            "Foo",
            "bar.txt",
            "a.log",
            "x y",
            "é",
            "日本",
            ".hidden",
            "build",
            "node_modules",
            "[x]",
            "q?",
            "star*",
            "back\\slash",
            "-dash",
            "n1");
    private static final List<String> ASCII_NAMES =
            List.of("a", "b", "ab", "foo", "Foo", "FOO", "Bar.TXT", "bar.txt", "A.log", "build", "Build", "n1");
    private static final List<String> SEGMENTS = List.of(
            "a",
            "b",
            "foo",
            "Foo",
            "bar.txt",
            "*",
            "*.txt",
            "*.log",
            "?",
            "a?",
            "[a-c]*",
            "[!a]*",
            "[^f]oo",
            "**",
            "x y",
            "x\\ y",
            "é",
            "日本",
            ".hidden",
            "build",
            "node_modules",
            "\\[x\\]",
            "q\\?",
            "star\\*",
            "b*",
            "*b",
            "[]]",
            "[a-]",
            "n[0-9]",
            "-dash",
            "\\#",
            "\\!");

    @TempDir
    Path repo;

    @Test
    void matchesWhatGitMatchesOnGeneratedPatternsAndPaths() throws Exception {
        assumeTrue(gitWorks(), "git is not installed");
        int pairs = compareWithGit(new Random(20261202), 60, NAMES, false);
        assertTrue(pairs >= 500, "compared " + pairs + " pattern/path pairs");
    }

    @Test
    void caseInsensitivePatternsMatchWhatGitMatchesWithIgnoreCase() throws Exception {
        assumeTrue(gitWorks(), "git is not installed");
        int pairs = compareWithGit(new Random(7), 25, ASCII_NAMES, true);
        assertTrue(pairs >= 200, "compared " + pairs + " pattern/path pairs");
    }

    @Test
    void theLastMatchingPatternWinsAndANegationReIncludes() {
        IgnoreRules rules = new IgnoreRules(List.of("*.log", "!keep.log"));
        assertTrue(rules.ignores("x/debug.log", false));
        assertFalse(rules.ignores("x/keep.log", false));
        assertTrue(new IgnoreRules(List.of("!keep.log", "*.log")).ignores("keep.log", false));
    }

    @Test
    void nothingBelowAnIgnoredDirectoryCanBeReIncluded() {
        IgnoreRules rules = new IgnoreRules(List.of("build/", "!build/keep.txt"));
        assertTrue(rules.ignores("build", true));
        assertFalse(rules.ignores("build", false), "a file named build is not a directory");
        assertTrue(rules.ignores("build/keep.txt", false));
        assertTrue(rules.ignores("src/build/x/y", false));
    }

    @Test
    void aLeadingOrInnerSlashAnchorsAtTheRoot() {
        IgnoreRules rules = new IgnoreRules(List.of("/top", "doc/*.txt"));
        assertTrue(rules.ignores("top", false));
        assertFalse(rules.ignores("sub/top", false));
        assertTrue(rules.ignores("doc/a.txt", false));
        assertFalse(rules.ignores("doc/sub/a.txt", false));
        assertFalse(rules.ignores("x/doc/a.txt", false));
    }

    @Test
    void doubleStarsSpanDirectories() {
        IgnoreRules rules = new IgnoreRules(List.of("**/cache", "a/**/z", "logs/**"));
        assertTrue(rules.ignores("cache", true));
        assertTrue(rules.ignores("p/q/cache", false));
        assertTrue(rules.ignores("a/z", false));
        assertTrue(rules.ignores("a/b/c/z", false));
        assertTrue(rules.ignores("logs/today/x", false));
        assertFalse(rules.ignores("logs", true), "logs/** matches what is inside, not logs itself");
    }

    @Test
    void theCaseInsensitivePrefixMatchesAnyCase() {
        IgnoreRules rules = new IgnoreRules(List.of("(?i)*.jpg", "Thumbs.db"));
        assertTrue(rules.ignores("IMG.JPG", false));
        assertTrue(rules.ignores("a/photo.Jpg", false));
        assertFalse(rules.ignores("thumbs.db", false));
        assertTrue(rules.ignores("Thumbs.db", false));
    }

    @Test
    void theDeletablePrefixMarksWhatItMatches() {
        IgnoreRules rules = new IgnoreRules(List.of("(?d).DS_Store", "*.swp", "(?i)(?d)desktop.ini"));
        assertEquals(
                new IgnoreRules.Verdict(true, true, Optional.of("(?d).DS_Store")), rules.verdict("a/.DS_Store", false));
        assertFalse(rules.verdict("a/.x.swp", false).deletable());
        assertTrue(rules.verdict("Desktop.INI", false).deletable());
        assertFalse(rules.verdict("a/b.txt", false).ignored());
    }

    @Test
    void theInternalFolderIsAlwaysIgnoredAndCommentsAndBlankLinesMatchNothing() {
        IgnoreRules rules = new IgnoreRules(List.of("# a comment", "", "   ", "!.filesync"));
        assertTrue(rules.ignores(".filesync", true));
        assertTrue(rules.ignores("sub/.filesync/trash/x", false));
        assertFalse(rules.ignores("# a comment", false));
        assertTrue(new IgnoreRules(List.of("# only a comment", "", "   ")).isEmpty());
        assertTrue(IgnoreRules.NONE.isEmpty());
    }

    @Test
    void aPatternOnMoreThanOneLineIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new IgnoreRules(List.of("a\nb")));
    }

    /** Runs {@code cases} generated rule sets against git; returns the number of pairs compared. */
    private int compareWithGit(Random random, int cases, List<String> names, boolean caseless) throws Exception {
        int pairs = 0;
        List<String> mismatches = new ArrayList<>();
        for (int c = 0; c < cases; c++) {
            List<String> patterns = new ArrayList<>();
            int count = 1 + random.nextInt(4);
            for (int p = 0; p < count; p++) {
                patterns.add(pattern(random));
            }
            Map<String, Boolean> paths = new LinkedHashMap<>();
            for (int p = 0; p < 14; p++) {
                paths.put(path(random, names), random.nextBoolean());
            }
            Set<String> ignoredByGit = gitIgnored(patterns, paths, caseless);
            List<String> ours =
                    caseless ? patterns.stream().map(p -> "(?i)" + p).toList() : patterns;
            IgnoreRules rules = new IgnoreRules(ours);
            for (Map.Entry<String, Boolean> path : paths.entrySet()) {
                boolean expected = ignoredByGit.contains(path.getKey() + (path.getValue() ? "/" : ""));
                boolean actual = rules.ignores(path.getKey(), path.getValue());
                pairs++;
                if (expected != actual) {
                    mismatches.add(patterns + " " + path.getKey() + (path.getValue() ? "/" : "") + ": git " + expected
                            + ", ours " + actual);
                }
            }
        }
        assertTrue(mismatches.isEmpty(), mismatches.size() + " mismatches:\n" + String.join("\n", mismatches));
        return pairs;
    }

    private static String pattern(Random random) {
        StringBuilder pattern = new StringBuilder();
        if (random.nextInt(5) == 0) {
            pattern.append('!');
        }
        if (random.nextInt(4) == 0) {
            pattern.append('/');
        }
        int segments = 1 + random.nextInt(3);
        for (int s = 0; s < segments; s++) {
            if (s > 0) {
                pattern.append('/');
            }
            pattern.append(SEGMENTS.get(random.nextInt(SEGMENTS.size())));
        }
        if (random.nextInt(4) == 0) {
            pattern.append('/');
        }
        String text = pattern.toString();
        return text.equals("!") || text.equals("/") ? "a" : text;
    }

    private static String path(Random random, List<String> names) {
        int depth = 1 + random.nextInt(4);
        List<String> segments = new ArrayList<>();
        for (int d = 0; d < depth; d++) {
            segments.add(names.get(random.nextInt(names.size())));
        }
        return String.join("/", segments);
    }

    /** The paths git ignores, directories given with a trailing slash. */
    private Set<String> gitIgnored(List<String> patterns, Map<String, Boolean> paths, boolean caseless)
            throws IOException, InterruptedException {
        Files.writeString(repo.resolve(".gitignore"), String.join("\n", patterns) + "\n", StandardCharsets.UTF_8);
        List<String> command = new ArrayList<>(List.of("git", "-c", "core.ignorecase=" + caseless));
        command.addAll(List.of("check-ignore", "--no-index", "--stdin", "-z"));
        Process git = new ProcessBuilder(command).directory(repo.toFile()).start();
        CompletableFuture<byte[]> output = CompletableFuture.supplyAsync(() -> readAll(git.getInputStream()));
        try (OutputStream in = git.getOutputStream()) {
            for (Map.Entry<String, Boolean> path : paths.entrySet()) {
                in.write((path.getKey() + (path.getValue() ? "/" : "")).getBytes(StandardCharsets.UTF_8));
                in.write(0);
            }
        }
        byte[] out = output.join();
        int exit = git.waitFor();
        if (exit > 1) {
            throw new IOException("git check-ignore failed with " + exit + ": "
                    + new String(git.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        }
        Set<String> ignored = new HashSet<>();
        for (String path : new String(out, StandardCharsets.UTF_8).split("\0")) {
            if (!path.isEmpty()) {
                ignored.add(path);
            }
        }
        return ignored;
    }

    private static byte[] readAll(InputStream in) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            in.transferTo(bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private boolean gitWorks() throws IOException, InterruptedException {
        Process init = new ProcessBuilder("git", "init", "-q", repo.toString())
                .redirectErrorStream(true)
                .start();
        init.getInputStream().readAllBytes();
        return init.waitFor() == 0;
    }
}
