package org.example.virtsimilarity.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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
        long fullRun = 0;
        int killed = 0;
        int reports = 0;
        for (int round = 0; round < 17; round++) {
            Path cache = work.resolve("cache-" + round);
            Path report = work.resolve("report-" + round + ".json");
            List<String> args = new ArrayList<>(List.of("--cache-dir", cache.toString(), "--format", "json", "-o",
                    report.toString()));
            IMAGES.forEach(image -> args.add(family.resolve(image).toString()));
            long start = System.nanoTime();
            Process process = new ProcessBuilder(Cli.command(args)).redirectErrorStream(true)
                    .redirectOutput(work.resolve("round-" + round + ".log").toFile()).start();
            // rounds 0 and 1 run whole (the second, with the images in the page cache, is timed); then odd rounds
            // may finish and even ones are killed at a random moment of what a whole run takes
            long wait = round % 2 == 1 || round == 0 ? TimeUnit.MINUTES.toNanos(2)
                    : (long) (random.nextDouble() * 0.8 * fullRun);
            if (!process.waitFor(wait, TimeUnit.NANOSECONDS)) {
                process.destroyForcibly();
                killed++;
            }
            process.waitFor();
            if (round == 1) {
                fullRun = System.nanoTime() - start;
            }

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
        // both outcomes happened: the runs killed mid-way, and the others, which wrote their report
        assertThat(killed).isGreaterThanOrEqualTo(5);
        assertThat(reports).isGreaterThanOrEqualTo(9);
    }

    @Test
    void aQemuNbdThatNeverServesIsStoppedAtTheLaunchTimeout() throws Exception {
        Path family = ImageFamily.directory();
        // a qemu-nbd that starts and hangs, first on the PATH
        Path bin = Files.createDirectories(work.resolve("bin"));
        Path pid = work.resolve("qemu-nbd.pid");
        Path fake = Files.writeString(bin.resolve("qemu-nbd"), "#!/bin/sh\necho $$ > " + pid + "\nexec sleep 600\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        ProcessBuilder builder = new ProcessBuilder(Cli.command(List.of("--no-cache", "--launch-timeout", "3",
                family.resolve("base.vmdk").toString(), family.resolve("base.img").toString())))
                .redirectErrorStream(true).redirectOutput(work.resolve("nbd.log").toFile());
        builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));

        Process run = builder.start();
        assertThat(run.waitFor(2, TimeUnit.MINUTES)).as("the run ends").isTrue();

        assertThat(run.exitValue()).isEqualTo(1);
        assertThat(Files.readString(work.resolve("nbd.log"))).contains("virt-similarity: "
                + family.resolve("base.vmdk") + ": cannot read through qemu-nbd: qemu-nbd did not start within 3 s");
        // the hung server was stopped, not left behind
        long serverPid = Long.parseLong(Files.readString(pid).trim());
        assertThat(ProcessHandle.of(serverPid).filter(ProcessHandle::isAlive)).isEmpty();
    }

    @Test
    void anOutputFolderTheUserMayNotWriteIsAOneLineErrorAndStaysEmpty() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "switching to another user needs root");
        Path family = ImageFamily.directory();
        // everything the unprivileged user needs, readable by all; the output folder writable by root only
        Path shared = Files.createDirectories(work.resolve("shared"));
        for (Path dir : List.of(work, shared)) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Path jar = Files.copy(Path.of(Cli.command(List.of()).get(2)), shared.resolve("virt-similarity.jar"));
        Path a = Files.copy(family.resolve("base.img"), shared.resolve("a.img"));
        Path b = Files.copy(family.resolve("clone-a.img"), shared.resolve("b.img"));
        Path locked = Files.createDirectories(shared.resolve("locked"));
        List<String> command = List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString(),
                "--no-cache", "-o", locked.resolve("report.txt").toString(), a.toString(), b.toString());

        Cli.Run run = Cli.runCommand(shared, command);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().lines()).filteredOn(line -> line.startsWith("virt-similarity: ")).containsExactly(
                "virt-similarity: " + locked.resolve("report.txt") + ": cannot write: Permission denied");
        try (Stream<Path> left = Files.list(locked)) {
            assertThat(left).isEmpty();
        }
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
