package org.example.virtsimilarity.qemu;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.example.virtsimilarity.SimilarityException;
import org.example.virtsimilarity.image.ImageFormat;

/**
 * The backing file a qcow (version 1) or qed image names, as {@code qemu-img info} reads it from the header. Without
 * {@code --backing-chain} qemu-img opens the image alone, never what it names.
 */
public final class QemuImgInfo {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private QemuImgInfo() {
    }

    /** The backing file's name and, where the header says, its format. */
    public record Backing(String name, Optional<String> format) {
    }

    public static Optional<Backing> backing(Path image, Path file, ImageFormat format) {
        if (!QemuImgCheck.isAvailable()) {
            throw new SimilarityException(image, "cannot tell which files a " + format + " image refers to without "
                    + "qemu-img (install qemu-utils)");
        }
        Path output = null;
        try {
            output = Files.createTempFile("virt-similarity-info", ".json");
            Process process = new ProcessBuilder("qemu-img", "info", "--output=json", "-f", format.qemuName(),
                    file.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).redirectOutput(output.toFile())
                    .start();
            process.getOutputStream().close();
            if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new SimilarityException(image, "qemu-img info did not finish within " + TIMEOUT.toSeconds()
                        + " s");
            }
            if (process.exitValue() != 0) {
                throw new SimilarityException(image, "not a valid " + format + " image (qemu-img info cannot read it)");
            }
            JsonNode info = MAPPER.readTree(Files.readAllBytes(output));
            JsonNode name = info.path("backing-filename");
            if (!name.isTextual()) {
                return Optional.empty();
            }
            JsonNode backingFormat = info.path("backing-filename-format");
            return Optional.of(new Backing(name.asText(), backingFormat.isTextual()
                    ? Optional.of(backingFormat.asText()) : Optional.empty()));
        } catch (IOException e) {
            throw new SimilarityException(image, "cannot run qemu-img info: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SimilarityException(image, "interrupted while reading the image's header");
        } finally {
            if (output != null) {
                try {
                    Files.deleteIfExists(output);
                } catch (IOException e) {
                    // a leftover temporary file is harmless
                }
            }
        }
    }
}
