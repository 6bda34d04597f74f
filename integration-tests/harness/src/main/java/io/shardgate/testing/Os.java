package io.shardgate.testing;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Small operating-system helpers: executables, files and signals. */
final class Os {
    static final boolean IS_ROOT = currentUid() == 0;

    private Os() {
    }

    private static int currentUid() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException | UnsupportedOperationException e) {
            return "root".equals(System.getProperty("user.name")) ? 0 : -1;
        }
    }

    /** The first of {@code names} (in order of preference) found in {@code preferredDirs}, then on the PATH. */
    static Path findExecutable(List<String> names, List<Path> preferredDirs) {
        List<Path> dirs = new ArrayList<>(preferredDirs);
        String path = System.getenv("PATH");
        if (path != null) {
            Arrays.stream(path.split(File.pathSeparator)).filter(s -> !s.isEmpty()).map(Path::of).forEach(dirs::add);
        }
        for (String name : names) {
            for (Path dir : dirs) {
                Path candidate = dir.resolve(name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        throw new HarnessException("none of " + names + " found in " + dirs
                + "; install the database servers with scripts/install-db-servers.sh");
    }

    /** Runs a short command and returns its trimmed output, or {@code null} if it fails. */
    static String capture(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return null;
            }
            return process.exitValue() == 0 ? output : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    static void signal(long pid, String signal) {
        if (capture("kill", "-" + signal, Long.toString(pid)) == null && ProcessHandle.of(pid).isPresent()) {
            throw new HarnessException("could not send SIG" + signal + " to process " + pid);
        }
    }

    /**
     * Alive and not a zombie. Orphaned children (PostgreSQL backends whose postmaster was killed) are reaped by PID 1,
     * which in some containers takes seconds; a zombie holds no port or file any more.
     */
    static boolean isRunning(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException | RuntimeException e) {
            return process.isAlive();
        }
    }

    static void createDirectory(Path dir, String permissions) {
        try {
            Files.createDirectories(dir);
            // Set explicitly: the umask must not narrow it, another OS user may need to traverse it.
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString(permissions));
        } catch (IOException e) {
            throw new HarnessException("cannot create directory " + dir, e);
        }
    }

    static void copyTree(Path source, Path target) {
        try (Stream<Path> paths = Files.walk(source)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Path copy = target.resolve(source.relativize(path).toString());
                Files.copy(path, copy, StandardCopyOption.COPY_ATTRIBUTES);
            }
        } catch (IOException e) {
            throw new HarnessException("cannot copy " + source + " to " + target, e);
        }
    }

    static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    /** Up to {@code maxBytes} of the file from {@code offset}, decoded leniently. */
    static String read(Path file, long offset, int maxBytes) {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long start = Math.max(offset, 0);
            int length = (int) Math.max(0, Math.min(maxBytes, in.length() - start));
            byte[] bytes = new byte[length];
            in.seek(start);
            in.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** The last lines of a log file, for error messages. */
    static String tail(Path file, int lines) {
        int window = 32 * 1024;
        String text = read(file, size(file) - window, window);
        List<String> all = text.lines().toList();
        List<String> last = all.subList(Math.max(0, all.size() - lines), all.size());
        return last.isEmpty() ? "(empty)" : String.join(System.lineSeparator(), last);
    }

    /** Deletes a tree; retries because a process that was just killed may still be closing files. */
    static void deleteRecursively(Path root) {
        IOException failure = null;
        for (int attempt = 0; attempt < 3 && Files.exists(root); attempt++) {
            try {
                Files.walkFileTree(root, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                        Files.deleteIfExists(file);
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                        if (e instanceof NoSuchFileException) {
                            return FileVisitResult.CONTINUE;
                        }
                        throw e;
                    }

                    @Override
                    public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                        Files.deleteIfExists(dir);
                        return FileVisitResult.CONTINUE;
                    }
                });
            } catch (IOException e) {
                failure = e;
                sleep(100);
            }
        }
        if (Files.exists(root)) {
            throw new HarnessException("cannot delete " + root, failure);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HarnessException("interrupted", e);
        }
    }
}
