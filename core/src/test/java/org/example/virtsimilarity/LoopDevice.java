package org.example.virtsimilarity;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** A read-only loop device over a file: a real block device for tests (attaching one needs root). */
public final class LoopDevice implements AutoCloseable {
    private final Path device;

    private LoopDevice(Path device) {
        this.device = device;
    }

    /** Attaches the file; skips the calling test where loop devices cannot be attached. */
    public static LoopDevice attach(Path file) throws IOException, InterruptedException {
        Process losetup = new ProcessBuilder("losetup", "--find", "--show", "--read-only", file.toString())
                .redirectErrorStream(true).start();
        String output = new String(losetup.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assumeTrue(losetup.waitFor() == 0 && output.startsWith("/dev/"), "no loop device: " + output);
        return new LoopDevice(Path.of(output));
    }

    public Path path() {
        return device;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        new ProcessBuilder("losetup", "--detach", device.toString()).start().waitFor();
    }
}
