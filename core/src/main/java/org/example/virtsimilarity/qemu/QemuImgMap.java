package org.example.virtsimilarity.qemu;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.example.virtsimilarity.image.ZeroExtents;

/**
 * The holes of a raw file, as {@code qemu-img map} finds them (SEEK_DATA/SEEK_HOLE, which Java cannot call). Usually a
 * few milliseconds; on a file with much unwritten data in the page cache it can take minutes, so it has a deadline.
 */
public final class QemuImgMap {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int MAX_OUTPUT = 64 << 20;

    private QemuImgMap() {
    }

    /** The file's zero extents, or empty when qemu-img fails, is missing or misses the deadline. */
    public static Optional<ZeroExtents> holes(Path file, Duration deadline) {
        Path output;
        Process process;
        try {
            // to a file, not a pipe: a fragmented file's map can outgrow the pipe and stall qemu-img
            output = Files.createTempFile("virt-similarity-map", ".json");
            process = new ProcessBuilder("qemu-img", "map", "--output=json", "-f", "raw", file.toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).redirectOutput(output.toFile()).start();
        } catch (IOException e) {
            return Optional.empty();
        }
        try (InputStream out = Files.newInputStream(output)) {
            process.getOutputStream().close();
            if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS) || process.exitValue() != 0) {
                return Optional.empty();
            }
            byte[] json = out.readNBytes(MAX_OUTPUT);
            List<long[]> zeros = new ArrayList<>();
            for (JsonNode extent : MAPPER.readTree(json)) {
                if (extent.path("zero").asBoolean(false) && !extent.path("data").asBoolean(true)) {
                    long start = extent.path("start").asLong(-1);
                    long length = extent.path("length").asLong(-1);
                    if (start >= 0 && length > 0) {
                        zeros.add(new long[] {start, start + length});
                    }
                }
            }
            return Optional.of(ZeroExtents.of(zeros));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            process.destroyForcibly();
            try {
                Files.deleteIfExists(output);
            } catch (IOException e) {
                // a leftover temporary file is harmless
            }
        }
    }
}
