package org.example.virtsimilarity.storage;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.example.virtsimilarity.SimilarityException;
import org.example.virtsimilarity.io.IoErrors;

/**
 * A hidden folder inside an output folder where a plan's files are made before they are moved in (a rename within
 * one file system). Closing it removes it with what is left in it; so does a shutdown hook when the JVM is stopped
 * (SIGTERM, Ctrl-C) while it is open, after {@code onStop} has ended the tool writing into it.
 */
final class StagingFolder implements AutoCloseable {
    private static final String PREFIX = ".virt-similarity-plan-";

    private final Path path;
    private final Thread hook;

    private StagingFolder(Path path, Runnable onStop) {
        this.path = path;
        this.hook = new Thread(() -> {
            onStop.run();
            removeQuietly();
        }, "virt-similarity-staging-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    static StagingFolder in(Path folder, Runnable onStop) {
        try {
            return new StagingFolder(Files.createTempDirectory(folder, PREFIX), onStop);
        } catch (IOException e) {
            throw new SimilarityException(folder, "cannot write into the folder: " + IoErrors.describe(e));
        }
    }

    Path path() {
        return path;
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook removes the folder
            return;
        }
        try {
            remove();
        } catch (IOException e) {
            throw new SimilarityException(path, "cannot remove the staging folder: " + IoErrors.describe(e));
        }
    }

    private void removeQuietly() {
        try {
            remove();
        } catch (IOException e) {
            // the JVM is stopping and can report nothing; the folder left is hidden and named after the tool
        }
    }

    /** The folder is flat: qemu-img's files and nothing else. */
    private void remove() throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(path)) {
            for (Path file : files) {
                Files.deleteIfExists(file);
            }
        }
        Files.deleteIfExists(path);
    }
}
