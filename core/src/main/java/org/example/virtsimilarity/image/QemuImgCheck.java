package org.example.virtsimilarity.image;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.example.virtsimilarity.SimilarityException;

/**
 * Asks {@code qemu-img info} whether qemu can open an image before it goes to the
 * libguestfs appliance: a damaged image or a broken backing chain then fails with qemu's own message naming the
 * image, instead of failing the launch of an appliance shared by several images. Skipped where there is no qemu-img.
 */
public final class QemuImgCheck {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private QemuImgCheck() {
    }

    public static boolean isAvailable() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "qemu-img"))) {
                return true;
            }
        }
        return false;
    }

    /** Throws a one-line {@link SimilarityException} naming the image when qemu cannot open it. */
    public static void check(DiskImage image) {
        ProcessBuilder builder = new ProcessBuilder("qemu-img", "info", "--backing-chain", "-f",
                image.format().qemuName(), image.realPath().toString()).redirectErrorStream(true);
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readNBytes(64 * 1024);
            if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new SimilarityException(image.path(), "qemu-img info did not finish within "
                        + TIMEOUT.toSeconds() + " s");
            }
            if (process.exitValue() != 0) {
                String text = new String(output, StandardCharsets.UTF_8).strip();
                String line = text.lines().reduce((first, second) -> second).orElse("qemu-img info failed");
                throw new SimilarityException(image.path(), "not a valid " + image.format() + " image: "
                        + line.replaceFirst("^qemu-img: ", ""));
            }
        } catch (IOException e) {
            throw new SimilarityException(image.path(), "cannot run qemu-img: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SimilarityException(image.path(), "interrupted while checking the image");
        }
    }
}
