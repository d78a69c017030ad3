package org.example.virtsimilarity.qemu;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QemuImgRunTest {
    @TempDir
    Path dir;

    @Test
    void aLongOutputKeepsItsEndWhereQemuImgSaysWhatWentWrong() throws Exception {
        // every other 64 KiB cluster written: qemu-img map prints one line an extent, far more than is kept
        Path image = dir.resolve("striped.qcow2");
        run("qemu-img", "create", "-q", "-f", "qcow2", image.toString(), "256M");
        List<String> writes = new ArrayList<>(List.of("qemu-io", "-f", "qcow2"));
        for (long offset = 0; offset < 256L << 20; offset += 128 << 10) {
            writes.addAll(List.of("-c", "write -q " + offset + " 64k"));
        }
        writes.add(image.toString());
        run(writes.toArray(String[]::new));

        QemuImgRun.Outcome outcome = QemuImgRun.run(image, Duration.ofMinutes(1),
                List.of("map", "--output=human", image.toString()), process -> { });

        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.output()).hasSizeLessThanOrEqualTo(64 * 1024)
                .doesNotContain("Offset          Length")
                .contains(String.format("%#x", (256L << 20) - (128 << 10)));
        assertThat(outcome.lastLine()).startsWith(String.format("%#x", (256L << 20) - (128 << 10)));
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).inheritIO().start();
        assertThat(process.waitFor()).as(String.join(" ", command.length > 4 ? List.of(command).subList(0, 4)
                : List.of(command))).isZero();
    }
}
