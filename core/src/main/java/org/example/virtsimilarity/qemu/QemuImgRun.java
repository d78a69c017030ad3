package org.example.virtsimilarity.qemu;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.example.virtsimilarity.SimilarityException;

/**
 * Runs one qemu-img command (convert, create, rebase, compare, info) with a time limit, its output kept to a bounded
 * size however much it prints. The process is gone when this returns, on every path.
 */
public final class QemuImgRun {
    private static final int OUTPUT_LIMIT = 64 * 1024;

    private QemuImgRun() {
    }

    /**
     * What a run printed (standard output and error together) and how it ended.
     *
     * @param exitCode qemu-img's exit status
     * @param output   its last {@value #OUTPUT_LIMIT} bytes of output, where its error is
     */
    public record Outcome(int exitCode, String output) {
        /** The last line that says something: qemu-img's error, where it failed. */
        public String lastLine() {
            String[] lines = output.strip().split("\n");
            return lines[lines.length - 1].strip();
        }
    }

    /**
     * Runs {@code qemu-img ARGUMENTS}; {@code started} learns the process (to end it from a shutdown hook). Failing to
     * start, overrunning {@code limit} or an interrupt is a one-line {@link SimilarityException} about {@code file}.
     */
    public static Outcome run(Path file, Duration limit, List<String> arguments, Consumer<Process> started) {
        List<String> command = new ArrayList<>(List.of("qemu-img"));
        command.addAll(arguments);
        Path log = null;
        Process process = null;
        try {
            // a file, not a pipe: the time limit holds even for a process that keeps its output open
            log = Files.createTempFile("virt-similarity-qemu-img", ".log");
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            started.accept(process);
            process.getOutputStream().close();
            if (!process.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
                throw new SimilarityException(file, "qemu-img " + arguments.get(0) + " did not finish within "
                        + limit.toSeconds() + " s");
            }
            return new Outcome(process.exitValue(), tail(log));
        } catch (IOException e) {
            throw new SimilarityException(file, "cannot run qemu-img (install qemu-utils): " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SimilarityException(file, "interrupted while qemu-img " + arguments.get(0) + " ran");
        } finally {
            if (process != null) {
                process.destroyForcibly();
            }
            deleteQuietly(log);
        }
    }

    /** The output's end: qemu-img says what went wrong last, after whatever it printed before. */
    private static String tail(Path log) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            byte[] end = new byte[(int) Math.min(OUTPUT_LIMIT, file.length())];
            file.seek(file.length() - end.length);
            file.readFully(end);
            return new String(end, StandardCharsets.UTF_8);
        }
    }

    private static void deleteQuietly(Path log) {
        if (log != null) {
            try {
                Files.deleteIfExists(log);
            } catch (IOException e) {
                // a temporary file of a few bytes; the run's own outcome matters more
            }
        }
    }
}
