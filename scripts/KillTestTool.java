import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Helpers of scripts/kill-test.sh, all seeded and reproducible. Subcommands:
 *
 * <pre>
 * ports N                                   print N free TCP ports, one per line
 * generate DIR SEED FILES LARGE LARGE_MB    a tree of FILES small files (1-64 KiB) in nested
 *                                           folders and LARGE files of about LARGE_MB MiB
 * mutate DIR SEED ROUND LARGE_MB            modify, add, delete, move a few files, rename one
 *                                           directory; rewrite the large files; print the moves
 * mutate-both SRC DST SEED ROUND LARGE_MB EXPECTED
 *                                           the bidirectional round: both ends hold the agreed tree;
 *                                           mutate disjoint sets of files on each side (each side
 *                                           rewrites, deletes, adds and moves its own files and
 *                                           renames a directory of its own; each large
 *                                           file is rewritten on one side) and write to EXPECTED
 *                                           the manifest both ends must have once synced
 * manifest DIR OUT                          path, type, size, mode, mtime and SHA-256 of every entry
 * versions DIR FILE                         add every file's (path, size, SHA-256) to FILE (a set)
 * check TARGET VERSIONS STOPFILE OUT [DIR...]
 *                                           watch TARGET (and every further DIR) until STOPFILE
 *                                           exists, then one last pass; write to OUT every file
 *                                           under its final name whose content is no complete
 *                                           known version of that path
 * compare SRC DST                           print every difference of content, mode and mtime
 * </pre>
 *
 * {@code .filesync} folders are left out everywhere.
 */
public final class KillTestTool {

    private static final String FOLDER = ".filesync";

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "ports" -> ports(Integer.parseInt(args[1]));
            case "generate" -> generate(
                    Path.of(args[1]),
                    Long.parseLong(args[2]),
                    Integer.parseInt(args[3]),
                    Integer.parseInt(args[4]),
                    Integer.parseInt(args[5]));
            case "mutate" -> mutate(
                    Path.of(args[1]), Long.parseLong(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]));
            case "manifest" -> Files.write(Path.of(args[2]), manifest(Path.of(args[1])));
            case "versions" -> versions(Path.of(args[1]), Path.of(args[2]));
            case "mutate-both" -> mutateBoth(
                    Path.of(args[1]),
                    Path.of(args[2]),
                    Long.parseLong(args[3]),
                    Integer.parseInt(args[4]),
                    Integer.parseInt(args[5]),
                    Path.of(args[6]));
            case "check" -> {
                List<Path> roots = new ArrayList<>(List.of(Path.of(args[1])));
                for (int i = 5; i < args.length; i++) {
                    roots.add(Path.of(args[i]));
                }
                check(roots, Path.of(args[2]), Path.of(args[3]), Path.of(args[4]));
            }
            case "compare" -> System.exit(compare(Path.of(args[1]), Path.of(args[2])) ? 0 : 1);
            default -> throw new IllegalArgumentException("unknown subcommand " + args[0]);
        }
    }

    // ---------------------------------------------------------------- ports

    private static void ports(int count) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0);
                sockets.add(socket);
                System.out.println(socket.getLocalPort());
            }
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }

    // ---------------------------------------------------------------- tree

    private static final String[] MODES = {"rw-r--r--", "rw-r--r--", "rw-r--r--", "rw-------", "rwxr-xr-x", "rw-rw-r--"};

    private static void generate(Path dir, long seed, int files, int large, int largeMb) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        Files.createDirectories(dir);
        for (int i = 0; i < files; i++) {
            writeSmall(dir.resolve(smallName(random, i)), random);
        }
        for (int i = 0; i < large; i++) {
            writeLarge(dir.resolve("large/big-" + i + ".bin"), random, largeMb);
        }
    }

    private static String smallName(SplittableRandom random, int i) {
        int depth = random.nextInt(4);
        StringBuilder name = new StringBuilder();
        for (int d = 0; d < depth; d++) {
            name.append("d").append(d).append('-').append(random.nextInt(6)).append('/');
        }
        return name.append("f").append(i).append(".dat").toString();
    }

    private static void writeSmall(Path file, SplittableRandom random) throws IOException {
        write(file, random, 1024 + random.nextInt(63 * 1024 + 1));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(MODES[random.nextInt(MODES.length)]));
        Files.setLastModifiedTime(file, randomTime(random));
    }

    private static void writeLarge(Path file, SplittableRandom random, int largeMb) throws IOException {
        long mib = 1024L * 1024;
        long size = Math.max(mib, largeMb * mib / 2 + random.nextLong(largeMb * mib + 1));
        write(file, random, size);
        Files.setLastModifiedTime(file, randomTime(random));
    }

    private static FileTime randomTime(SplittableRandom random) {
        // within the last year, milliseconds only; the run's own writes are newer
        long now = System.currentTimeMillis();
        return FileTime.fromMillis(now - 3_600_000L - random.nextLong(365L * 86_400_000L));
    }

    private static void write(Path file, SplittableRandom random, long size) throws IOException {
        Files.createDirectories(file.getParent());
        byte[] block = new byte[1 << 16];
        try (FileChannel out = FileChannel.open(
                file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            long left = size;
            while (left > 0) {
                int n = (int) Math.min(block.length, left);
                for (int i = 0; i < n; i += 8) {
                    long v = random.nextLong();
                    for (int b = 0; b < 8 && i + b < n; b++) {
                        block[i + b] = (byte) (v >>> (8 * b));
                    }
                }
                ByteBuffer buffer = ByteBuffer.wrap(block, 0, n);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                left -= n;
            }
        }
    }

    private static void mutate(Path dir, long seed, int round, int largeMb) throws IOException {
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + round);
        List<Path> small = new ArrayList<>();
        List<Path> large = new ArrayList<>();
        for (Path p : files(dir)) {
            (p.startsWith(dir.resolve("large")) ? large : small).add(dir.relativize(p));
        }
        small.sort(null);
        large.sort(null);
        // the renamed directory's subtree is left alone otherwise, so that it moves as one directory
        Path renamed = directoryToRename(small, Set.of(), random);
        List<Path> outside = new ArrayList<>(small.stream().filter(p -> !p.startsWith(renamed)).toList());
        int changes = Math.max(3, small.size() / 10);
        Set<Path> touched = new HashSet<>();
        for (int i = 0; i < changes && !outside.isEmpty(); i++) {
            Path p = outside.get(random.nextInt(outside.size()));
            if (touched.add(p)) {
                writeSmall(dir.resolve(p), random); // new content, size, mode, mtime
            }
        }
        for (int i = 0; i < changes / 2 && !outside.isEmpty(); i++) {
            Path p = outside.get(random.nextInt(outside.size()));
            if (touched.add(p)) {
                Files.delete(dir.resolve(p));
            }
        }
        for (int i = 0; i < changes / 2; i++) {
            writeSmall(dir.resolve(smallNameOutside(random, 1_000_000 * round + i, Set.of(renamed))), random);
        }
        List<Path> movable = new ArrayList<>(outside.stream().filter(p -> !touched.contains(p)).toList());
        shuffle(movable, random);
        List<Path> folders = folders(small, Set.of(renamed));
        List<Path> moved =
                moveFiles(dir, movable.subList(0, Math.min(movable.size(), moveCount(small))), folders, round + "m", random);
        Files.move(dir.resolve(renamed), dir.resolve(renamedName(renamed, round + "m")));
        System.out.println("moves: " + moved.size() + " files, 1 directory of " + subtreeFiles(small, renamed) + " files");
        for (Path p : large) {
            writeLarge(dir.resolve(p), random, largeMb); // every large file, so that each round has a long copy to interrupt
        }
        // folders emptied by the deletes and moves stay: the mirror keeps empty folders too
    }

    /** About 2 % of the small files move per round (at least 3). */
    private static int moveCount(List<Path> small) {
        return Math.max(3, small.size() / 50);
    }

    /**
     * A directory (never {@code large}) holding tens of files in its subtree, none of it under an
     * excluded path; a seeded choice among those of 10 to 100 files, or among all when none has that many.
     */
    private static Path directoryToRename(List<Path> small, Set<Path> excluded, SplittableRandom random) {
        Map<Path, Integer> counts = new TreeMap<>();
        for (Path p : small) {
            for (Path d = p.getParent(); d != null; d = d.getParent()) {
                counts.merge(d, 1, Integer::sum);
            }
        }
        List<Path> eligible = new ArrayList<>();
        List<Path> tens = new ArrayList<>();
        for (Map.Entry<Path, Integer> e : counts.entrySet()) {
            Path d = e.getKey();
            if (excluded.stream().anyMatch(x -> d.startsWith(x) || x.startsWith(d))) {
                continue;
            }
            eligible.add(d);
            if (e.getValue() >= 10 && e.getValue() <= 100) {
                tens.add(d);
            }
        }
        List<Path> from = tens.isEmpty() ? eligible : tens;
        return from.get(random.nextInt(from.size()));
    }

    private static long subtreeFiles(List<Path> small, Path dir) {
        return small.stream().filter(p -> p.startsWith(dir)).count();
    }

    /** The new name of a renamed directory, next to the old one, marked with the round and side. */
    private static Path renamedName(Path dir, String mark) {
        return dir.resolveSibling(dir.getFileName() + "-" + mark);
    }

    /** Every directory holding one of the small files, outside the excluded subtrees. */
    private static List<Path> folders(List<Path> small, Set<Path> excluded) {
        Set<Path> folders = new java.util.TreeSet<>();
        for (Path p : small) {
            Path d = p.getParent();
            if (d != null && excluded.stream().noneMatch(d::startsWith)) {
                folders.add(d);
            }
        }
        return new ArrayList<>(folders);
    }

    /**
     * Renames each file in turn: a third within its directory (a new file name), a third into
     * another existing directory (the same file name; file names are unique in the tree), a third
     * into a new directory made for it. Renames keep content, mode and mtime. Returns the new paths.
     */
    private static List<Path> moveFiles(Path root, List<Path> files, List<Path> folders, String mark, SplittableRandom random)
            throws IOException {
        List<Path> moved = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            Path from = files.get(i);
            Path name = from.getFileName();
            Path to = switch (i % 3) {
                case 0 -> from.resolveSibling(name.toString().replace(".dat", "-" + mark + ".dat"));
                case 1 -> folders.isEmpty() ? name : folders.get(random.nextInt(folders.size())).resolve(name);
                default -> {
                    Path base = folders.isEmpty() ? Path.of("new-" + mark + "-" + i)
                            : folders.get(random.nextInt(folders.size())).resolve("new-" + mark + "-" + i);
                    yield base.resolve(name);
                }
            };
            if (to.equals(from)) {
                to = from.resolveSibling(name.toString().replace(".dat", "-" + mark + ".dat"));
            }
            Files.createDirectories(root.resolve(to).getParent());
            Files.move(root.resolve(from), root.resolve(to));
            moved.add(to);
        }
        return moved;
    }

    /** A new small file's name that lies in none of the excluded subtrees. */
    private static String smallNameOutside(SplittableRandom random, int i, Set<Path> excluded) {
        while (true) {
            String name = smallName(random, i);
            Path p = Path.of(name);
            if (excluded.stream().noneMatch(p::startsWith)) {
                return name;
            }
        }
    }

    private static void shuffle(List<Path> list, SplittableRandom random) {
        for (int i = list.size() - 1; i > 0; i--) { // Fisher-Yates, seeded
            int j = random.nextInt(i + 1);
            Path t = list.get(i);
            list.set(i, list.get(j));
            list.set(j, t);
        }
    }

    /**
     * One bidirectional round. Both ends hold the agreed tree. Each side renames one directory of its
     * own (disjoint subtrees, left alone otherwise). The other small files are shuffled (seeded) and
     * dealt into disjoint groups: rewritten in the source, deleted in the source, rewritten in the
     * target, deleted in the target, moved in the source, moved in the target; each side adds new
     * files under names of its own, outside both renamed directories; each large file is
     * rewritten on one side, alternating by round. No path changes on both sides, so the result is
     * determined: the expected manifest takes each path from the side that changed it (the source for
     * the unchanged ones), and every directory of either side but those a side renamed away.
     */
    private static void mutateBoth(Path src, Path dst, long seed, int round, int largeMb, Path expected)
            throws IOException {
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + round);
        List<Path> small = new ArrayList<>();
        List<Path> large = new ArrayList<>();
        for (Path p : files(src)) {
            (p.startsWith(src.resolve("large")) ? large : small).add(src.relativize(p));
        }
        small.sort(null);
        large.sort(null);
        Path renamedInSource = directoryToRename(small, Set.of(), random);
        Path renamedInTarget = directoryToRename(small, Set.of(renamedInSource), random);
        Set<Path> renamed = Set.of(renamedInSource, renamedInTarget);
        List<Path> folders = folders(small, renamed);
        List<Path> agreedSmall = List.copyOf(small);
        small = new ArrayList<>(small.stream().filter(p -> renamed.stream().noneMatch(p::startsWith)).toList());
        shuffle(small, random);
        int changes = Math.max(2, small.size() / 20);
        int deletes = Math.max(1, changes / 2);
        int moves = Math.max(2, small.size() / 100);
        Set<Path> changedInTarget = new HashSet<>();
        int next = 0;
        for (int i = 0; i < changes && next < small.size(); i++) {
            writeSmall(src.resolve(small.get(next++)), random);
        }
        for (int i = 0; i < deletes && next < small.size(); i++) {
            Files.delete(src.resolve(small.get(next++)));
        }
        for (int i = 0; i < changes && next < small.size(); i++) {
            Path p = small.get(next++);
            writeSmall(dst.resolve(p), random);
            changedInTarget.add(p);
        }
        for (int i = 0; i < deletes && next < small.size(); i++) {
            Path p = small.get(next++);
            Files.delete(dst.resolve(p));
            changedInTarget.add(p);
        }
        int end = Math.min(small.size(), next + moves);
        int movedInSource = moveFiles(src, small.subList(next, end), folders, round + "s", random).size();
        next = end;
        end = Math.min(small.size(), next + moves);
        List<Path> movedInTarget = small.subList(next, end);
        changedInTarget.addAll(movedInTarget);
        changedInTarget.addAll(moveFiles(dst, movedInTarget, folders, round + "t", random));
        for (int i = 0; i < deletes; i++) {
            writeSmall(src.resolve(smallNameOutside(random, 1_000_000 * round + i, renamed)), random);
        }
        for (int i = 0; i < deletes; i++) {
            Path p = Path.of(smallNameOutside(random, 1_000_000 * round + 500_000 + i, renamed));
            writeSmall(dst.resolve(p), random);
            changedInTarget.add(p);
        }
        Path sourceNewName = renamedName(renamedInSource, round + "s");
        Path targetNewName = renamedName(renamedInTarget, round + "t");
        Set<Path> renamedAwayInSource = subtree(src, renamedInSource);
        Set<Path> renamedAwayInTarget = subtree(dst, renamedInTarget);
        Files.move(src.resolve(renamedInSource), src.resolve(sourceNewName));
        Files.move(dst.resolve(renamedInTarget), dst.resolve(targetNewName));
        changedInTarget.addAll(renamedAwayInTarget);
        System.out.println("moves: " + (movedInSource + movedInTarget.size()) + " files, 2 directories of "
                + subtreeFiles(agreedSmall, renamedInSource) + " and " + subtreeFiles(agreedSmall, renamedInTarget) + " files");
        changedInTarget.addAll(subtree(dst, targetNewName));
        for (int i = 0; i < large.size(); i++) {
            Path p = large.get(i);
            if ((round + i) % 2 == 0) {
                writeLarge(src.resolve(p), random, largeMb);
            } else {
                writeLarge(dst.resolve(p), random, largeMb);
                changedInTarget.add(p);
            }
        }
        Map<String, String> fromSource = byPath(manifest(src));
        Map<String, String> fromTarget = byPath(manifest(dst));
        TreeMap<String, String> result = new TreeMap<>();
        for (Map.Entry<String, String> e : fromSource.entrySet()) {
            if (!changedInTarget.contains(Path.of(e.getKey()))) {
                result.put(e.getKey(), e.getValue());
            }
        }
        for (Map.Entry<String, String> e : fromTarget.entrySet()) {
            Path p = Path.of(e.getKey());
            if (changedInTarget.contains(p)
                    || !result.containsKey(e.getKey()) && e.getValue().contains("\tdir\t") && !renamedAwayInSource.contains(p)) {
                result.put(e.getKey(), e.getValue());
            }
        }
        Files.write(expected, new ArrayList<>(result.values()));
    }

    /** The directory itself and every entry under it, relative to the root. */
    private static Set<Path> subtree(Path root, Path dir) throws IOException {
        Set<Path> entries = new HashSet<>();
        try (var walk = Files.walk(root.resolve(dir))) {
            walk.forEach(p -> entries.add(root.relativize(p)));
        }
        return entries;
    }

    private static List<Path> files(Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                return d.getFileName().toString().equals(FOLDER) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile()) {
                    files.add(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE; // vanished while we walked (the target, during a run)
                }
                throw e;
            }
        });
        return files;
    }

    // ---------------------------------------------------------------- manifest and versions

    private static List<String> manifest(Path dir) throws IOException {
        TreeMap<String, String> lines = new TreeMap<>();
        try (var walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                String rel = dir.relativize(p).toString();
                if (rel.isEmpty() || rel.equals(FOLDER) || rel.startsWith(FOLDER + "/")) {
                    continue;
                }
                String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    lines.put(rel, rel + "\tdir\t" + mode);
                } else {
                    long mtime = Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toMillis();
                    lines.put(rel, rel + "\tfile\t" + Files.size(p) + "\t" + mode + "\t" + mtime + "\t" + sha256(p));
                }
            }
        }
        return new ArrayList<>(lines.values());
    }

    private static void versions(Path dir, Path file) throws IOException {
        Set<String> known = new HashSet<>(Files.exists(file) ? Files.readAllLines(file) : List.of());
        List<String> added = new ArrayList<>();
        for (Path p : files(dir)) {
            String line = dir.relativize(p) + "\t" + Files.size(p) + "\t" + sha256(p);
            if (known.add(line)) {
                added.add(line);
            }
        }
        Files.write(file, added, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    // ---------------------------------------------------------------- checker

    /** What identifies one state of a file cheaply: a new inode, size, mtime or ctime means look again. */
    private record Stamp(Object inode, long size, long mtime, Object ctime) {}

    private static void check(List<Path> roots, Path versionsFile, Path stopFile, Path out) throws IOException {
        Map<String, Set<String>> versions = new HashMap<>();
        for (String line : Files.readAllLines(versionsFile)) {
            String[] f = line.split("\t");
            versions.computeIfAbsent(f[0], k -> new HashSet<>()).add(f[1] + "\t" + f[2]);
        }
        Map<Path, Stamp> seen = new HashMap<>();
        Set<String> reported = new HashSet<>();
        List<String> violations = new ArrayList<>();
        int passes = 0;
        long hashed = 0;
        while (true) {
            boolean last = Files.exists(stopFile);
            passes++;
            List<Path[]> listed = new ArrayList<>();
            for (Path root : roots) {
                for (Path p : files(root)) {
                    listed.add(new Path[] {root, p});
                }
            }
            for (Path[] rootAndPath : listed) {
                Path target = rootAndPath[0];
                Path p = rootAndPath[1];
                Stamp stamp;
                try {
                    Map<String, Object> a = Files.readAttributes(p, "unix:ino,size,lastModifiedTime,ctime", LinkOption.NOFOLLOW_LINKS);
                    stamp = new Stamp(
                            a.get("ino"), (Long) a.get("size"), ((FileTime) a.get("lastModifiedTime")).toMillis(), a.get("ctime"));
                } catch (NoSuchFileException e) {
                    continue;
                }
                if (stamp.equals(seen.get(p))) {
                    continue;
                }
                String found;
                try {
                    found = sizeAndHash(p);
                } catch (NoSuchFileException e) {
                    continue;
                }
                hashed++;
                String rel = target.relativize(p).toString();
                Set<String> known = versions.getOrDefault(rel, Set.of());
                if (known.contains(found)) {
                    seen.put(p, stamp);
                } else if (reported.add(p + "\t" + found)) {
                    String line = Instant.now() + " " + p + ": size/sha256 " + found.replace('\t', ' ')
                            + " is no complete known version of " + rel + " (" + known.size() + " known: "
                            + String.join(", ", known.stream().map(k -> k.split("\t")[0] + " bytes").toList()) + ")";
                    violations.add(line);
                    Files.write(out, violations);
                }
            }
            if (passes == 1) {
                Files.write(Path.of(out + ".ready"), List.of());
            }
            if (last) {
                break;
            }
            try {
                Thread.sleep(20); // a poll, not a wait for an event: leave the cores to the run
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        Files.write(out, violations);
        System.out.println("checker: " + passes + " passes, " + hashed + " files hashed, " + violations.size() + " violations");
    }

    /** Size and hash of what one open file descriptor reads, so a rename meanwhile cannot mix two files. */
    private static String sizeAndHash(Path p) throws IOException {
        MessageDigest digest = sha();
        long size = 0;
        try (FileChannel in = FileChannel.open(p, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
            int n;
            while ((n = in.read(buffer)) > 0) {
                buffer.flip();
                digest.update(buffer);
                buffer.clear();
                size += n;
            }
        }
        return size + "\t" + HexFormat.of().formatHex(digest.digest());
    }

    // ---------------------------------------------------------------- compare

    private static boolean compare(Path src, Path dst) throws IOException {
        Map<String, String> a = byPath(manifest(src));
        Map<String, String> b = byPath(manifest(dst));
        boolean same = true;
        Set<String> all = new java.util.TreeSet<>(a.keySet());
        all.addAll(b.keySet());
        for (String path : all) {
            String x = a.get(path);
            String y = b.get(path);
            if (x == null || y == null || !x.equals(y)) {
                System.out.println("differs: source [" + x + "] target [" + y + "]");
                same = false;
            }
        }
        return same;
    }

    private static Map<String, String> byPath(List<String> manifest) {
        Map<String, String> map = new HashMap<>();
        for (String line : manifest) {
            map.put(line.substring(0, line.indexOf('\t')), line);
        }
        return map;
    }

    // ---------------------------------------------------------------- hashing

    private static String sha256(Path p) throws IOException {
        MessageDigest digest = sha();
        try (InputStream in = Files.newInputStream(p)) {
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
