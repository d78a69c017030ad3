package org.example.virtsimilarity.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** The image family that fixtures/make-image-family builds, made once per test run. */
final class ImageFamily {
    private static final Path SCRIPT = Path.of(System.getProperty("virtsimilarity.fixtures",
            "fixtures/make-image-family"));
    private static final Path WORK = Path.of(System.getProperty("virtsimilarity.work", "target/it-work"));
    private static Path made;

    private ImageFamily() {
    }

    static synchronized Path directory() throws IOException, InterruptedException {
        if (made == null) {
            Path dir = WORK.resolve("family");
            Files.createDirectories(WORK);
            if (!Files.exists(dir.resolve("clone-a1.img"))) {
                Process process = new ProcessBuilder(SCRIPT.toAbsolutePath().toString(), dir.toAbsolutePath().toString())
                        .redirectErrorStream(true).redirectOutput(WORK.resolve("make-image-family.log").toFile())
                        .start();
                if (!process.waitFor(20, TimeUnit.MINUTES) || process.exitValue() != 0) {
                    throw new IllegalStateException("make-image-family failed; see "
                            + WORK.resolve("make-image-family.log"));
                }
            }
            made = dir;
        }
        return made;
    }
}
