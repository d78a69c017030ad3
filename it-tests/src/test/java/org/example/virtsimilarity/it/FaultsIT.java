package org.example.virtsimilarity.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.example.virtsimilarity.signature.SignatureFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Faults from outside: the process killed at any moment, a full disk under the report. */
class FaultsIT {
    private static final List<String> IMAGES = List.of("base.img", "base.qcow2", "clone-a.img", "clone-a1.img",
            "other.img");

    @TempDir
    Path work;

    @Test
    void killingTheCommandAtAnyMomentLeavesOnlyWholeReportsAndCacheEntries() throws Exception {
        Path family = ImageFamily.directory();
        Random random = new Random(42);
        ObjectMapper json = new ObjectMapper();
        int killed = 0;
        int reports = 0;
        for (int round = 0; round < 16; round++) {
            Path cache = work.resolve("cache-" + round);
            Path report = work.resolve("report-" + round + ".json");
            List<String> args = new ArrayList<>(List.of("--cache-dir", cache.toString(), "--format", "json", "-o",
                    report.toString()));
            IMAGES.forEach(image -> args.add(family.resolve(image).toString()));
            Process process = new ProcessBuilder(Cli.command(args)).redirectErrorStream(true)
                    .redirectOutput(work.resolve("round-" + round + ".log").toFile()).start();
            if (!process.waitFor(random.nextInt(2500), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                killed++;
            }
            process.waitFor();

            if (Files.exists(report)) {
                assertThat(json.readTree(report.toFile()).get("images")).hasSize(IMAGES.size());
                reports++;
            }
            if (Files.isDirectory(cache)) {
                try (Stream<Path> entries = Files.list(cache)) {
                    for (Path entry : entries.toList()) {
                        String name = entry.getFileName().toString();
                        if (name.endsWith(SignatureFile.EXTENSION)) {
                            SignatureFile.read(entry); // whole, or it throws
                        } else {
                            assertThat(name).as("only temporary files besides whole entries").startsWith(".")
                                    .endsWith(".tmp");
                        }
                    }
                }
            }
        }
        // both outcomes happened: the rounds killed some runs mid-way and let others finish
        assertThat(killed).isGreaterThanOrEqualTo(3);
        assertThat(reports).isGreaterThanOrEqualTo(3);
    }

    @Test
    void aFullDiskUnderTheReportIsAOneLineErrorAndLeavesNoPartialFile() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "mounting a small file system needs root");
        Path family = ImageFamily.directory();
        Path disk = Files.createDirectories(work.resolve("full-disk"));
        // a private mount namespace with a tmpfs filled to the last byte: the report cannot be written there
        List<String> command = new ArrayList<>(List.of("unshare", "-m", "sh", "-c",
                "mount -t tmpfs -o size=64k tmpfs \"$0\" && (cat /dev/zero > \"$0/filler\") 2>/dev/null; "
                        + "\"$@\"; status=$?; ls -A \"$0\" >&2; exit $status", disk.toString()));
        List<String> args = new ArrayList<>(List.of("--no-cache", "-o", disk.resolve("report.txt").toString()));
        IMAGES.forEach(image -> args.add(family.resolve(image).toString()));
        command.addAll(Cli.command(args));

        Cli.Run run = Cli.runCommand(work, command);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        List<String> err = run.err().lines().toList();
        assertThat(err).filteredOn(line -> line.startsWith("virt-similarity: ")).containsExactly(
                "virt-similarity: " + disk.resolve("report.txt") + ": cannot write: No space left on device");
        // what the file system held afterwards: the filler only, no partial report and no temporary file
        assertThat(err.get(err.size() - 1)).isEqualTo("filler");
    }
}
