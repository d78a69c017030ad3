package org.example.virtsimilarity.qemu;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.example.virtsimilarity.SimilarityException;
import org.example.virtsimilarity.image.BackingChain;
import org.example.virtsimilarity.image.DiskImage;

/**
 * Asks qemu-img whether an image is sound before it goes to the libguestfs appliance. qemu reads clusters past the end
 * of a truncated file as zeros, so a damaged image would otherwise pass as a mostly empty disk; and a broken backing
 * chain would fail the launch of an appliance shared by several images without saying which. {@code qemu-img check}
 * validates metadata (and the approved backing chain); formats it has no checker for get {@code qemu-img info}.
 * Skipped where there is no qemu-img.
 */
public final class QemuImgCheck {
    private static final Duration TIMEOUT = Duration.ofMinutes(5);
    private static final int CHECK_UNSUPPORTED = 63;
    private static final int CORRUPT = 2;
    private static final int LEAKS_ONLY = 3;

    private QemuImgCheck() {
    }

    public static boolean isAvailable() {
        return Executables.onPath("qemu-img");
    }

    /**
     * Throws a one-line {@link SimilarityException} naming the image when qemu finds it damaged or cannot open it. qemu
     * is given the approved chain spelled out, so it opens no file the image's header names on its own.
     */
    public static void check(DiskImage image, BackingChain chain) {
        String file = chain.qemuSpec();
        Outcome check = run(image, List.of("qemu-img", "check", file));
        if (check.exitCode == 0 || check.exitCode == LEAKS_ONLY) {
            return;
        }
        if (check.exitCode == CHECK_UNSUPPORTED) {
            Outcome info = run(image, List.of("qemu-img", "info", file));
            if (info.exitCode == 0) {
                return;
            }
            throw invalid(image, chain, info.lastLine);
        }
        if (check.exitCode == CORRUPT && check.firstError != null) {
            throw invalid(image, chain, "qemu-img check found " + check.errorCount + " error(s), the first: "
                    + check.firstError.replaceFirst("^ERROR:?\\s*", ""));
        }
        throw invalid(image, chain, check.lastLine);
    }

    /** qemu names the image by the spec it was given; the message names it as the user did, in one short line. */
    private static SimilarityException invalid(DiskImage image, BackingChain chain, String reason) {
        String spec = chain.qemuSpec();
        return new SimilarityException(image.path(), "not a valid " + image.format() + " image: "
                + truncate(reason.replaceFirst("^qemu-img: ", "").replace("'" + spec + "'", "it").replace(spec, "it")
                .replace(image.realPath() + ": ", ""), 300));
    }

    /** What a run printed, kept to the few lines needed however much it printed. */
    private record Outcome(int exitCode, String firstError, long errorCount, String lastLine) {
    }

    private static Outcome run(DiskImage image, List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String firstError = null;
            long errors = 0;
            String last = "qemu-img failed";
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.startsWith("ERROR")) {
                        errors++;
                        if (firstError == null) {
                            firstError = truncate(line, 2000);
                        }
                    }
                    if (!line.isBlank()) {
                        last = truncate(line.strip(), 2000);
                    }
                }
            }
            if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new SimilarityException(image.path(), command.get(1) + " by qemu-img did not finish within "
                        + TIMEOUT.toSeconds() + " s");
            }
            return new Outcome(process.exitValue(), firstError, errors, last);
        } catch (IOException e) {
            throw new SimilarityException(image.path(), "cannot run qemu-img: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SimilarityException(image.path(), "interrupted while checking the image");
        }
    }

    /** Long enough to hold a spelled-out chain, which {@link #invalid} replaces before it cuts to its own length. */
    private static String truncate(String line, int length) {
        return line.length() > length ? line.substring(0, length) + "..." : line;
    }
}
