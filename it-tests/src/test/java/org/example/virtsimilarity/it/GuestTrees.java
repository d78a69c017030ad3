package org.example.virtsimilarity.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Directory trees and the ext4 images {@code mke2fs -d} builds from them, as image factories do: each image is built
 * from scratch, so a test knows exactly which files changed and the file system moves everything else.
 */
final class GuestTrees {
    /** One time for every file, so that only what a test changes differs in time. */
    static final FileTime TIME = FileTime.fromMillis(1_700_000_000_000L);

    private GuestTrees() {
    }

    /** A small system-like tree: /etc, /usr, /var/log, /home, and {@code smallFiles} files under /usr/share/doc. */
    static Path systemTree(Path dir, int smallFiles) throws IOException {
        Random random = new Random(42);
        write(dir.resolve("etc/app.conf"), "listen = 8080\nworkers = 4\n".getBytes(StandardCharsets.UTF_8));
        write(dir.resolve("etc/same-size.conf"), "mode = fast\n".getBytes(StandardCharsets.UTF_8));
        write(dir.resolve("etc/touched.conf"), "keep = yes\n".getBytes(StandardCharsets.UTF_8));
        write(dir.resolve("usr/bin/tool"), bytes(random, 2 << 20));
        write(dir.resolve("var/log/app.log"), bytes(random, 1 << 20));
        write(dir.resolve("home/user/old.txt"), bytes(random, 300_000));
        for (int i = 0; i < smallFiles; i++) {
            write(dir.resolve("usr/share/doc/pkg" + (i % 50) + "/file" + i + ".txt"), bytes(random,
                    200 + random.nextInt(3000)));
        }
        Files.createSymbolicLink(dir.resolve("usr/bin/tool-link"), Path.of("tool"));
        stampTimes(dir);
        return dir;
    }

    static void write(Path file, byte[] content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, content);
        Files.setLastModifiedTime(file, TIME);
    }

    static byte[] bytes(Random random, int size) {
        byte[] data = new byte[size];
        random.nextBytes(data);
        return data;
    }

    /** Gives every entry the one time, directories included, links not followed. */
    static void stampTimes(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.toList()) {
                if (!Files.isSymbolicLink(path)) {
                    Files.setLastModifiedTime(path, TIME);
                }
            }
        }
    }

    /** Copies a tree with its times ({@code cp -a}). */
    static Path copy(Path from, Path to) throws Exception {
        run("cp", "-a", from.toString(), to.toString());
        return to;
    }

    /** {@code mke2fs -t ext4 -d tree} into a new file of {@code size} (e.g. "64M"). */
    static Path ext4(Path tree, Path image, String size) throws Exception {
        run("mke2fs", "-q", "-F", "-t", "ext4", "-d", tree.toString(), image.toString(), size);
        return image;
    }

    /** An ext4 of {@code tree} written into {@code disk} at byte {@code offset}, {@code size} long. */
    static void ext4At(Path tree, Path disk, long offset, String size) throws Exception {
        run("mke2fs", "-q", "-F", "-t", "ext4", "-E", "offset=" + offset, "-d", tree.toString(), disk.toString(),
                size);
    }

    static void run(String... command) throws Exception {
        List<String> args = new ArrayList<>(List.of(command));
        Process process = new ProcessBuilder(args).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(String.join(" ", args) + "\n" + output).isZero();
    }
}
