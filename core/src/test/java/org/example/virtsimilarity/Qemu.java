package org.example.virtsimilarity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs qemu-img and qemu-io (and other image tools, such as mke2fs) for tests that need real images; tests assume
 * qemu-utils and e2fsprogs are installed.
 */
public final class Qemu {
    private Qemu() {
    }

    public static boolean isInstalled() {
        return Files.isExecutable(Path.of("/usr/bin/qemu-img")) && Files.isExecutable(Path.of("/usr/bin/qemu-io"));
    }

    public static void img(String... args) throws Exception {
        run("qemu-img", args);
    }

    /** qemu-io commands, e.g. {@code write -P 0xab 1M 64k}, against an image of the given format. */
    public static void io(Path image, String format, String... commands) throws Exception {
        List<String> args = new ArrayList<>(List.of("-f", format));
        for (String command : commands) {
            args.add("-c");
            args.add(command);
        }
        args.add(image.toString());
        run("qemu-io", args.toArray(String[]::new));
    }

    /** What qemu reads from an image, as a flat raw file. */
    public static Path flatten(Path image, Path raw) throws Exception {
        img("convert", "-O", "raw", image.toString(), raw.toString());
        return raw;
    }

    /** Runs a tool and asserts that it succeeded. */
    public static void run(String tool, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(tool));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(String.join(" ", command) + "\n" + output).isZero();
    }
}
