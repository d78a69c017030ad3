package org.example.virtsimilarity.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the packaged command in its own JVM, as users do. */
final class Cli {
    static final Path JAR = Path.of(System.getProperty("virtsimilarity.jar", "../cli/target/virt-similarity.jar"));

    record Run(int exitCode, String out, String err) {
    }

    private Cli() {
    }

    static Run run(Path workDir, List<String> args) throws IOException, InterruptedException {
        return runCommand(workDir, command(args));
    }

    /** The command line that runs the packaged command with these arguments. */
    static List<String> command(List<String> args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", JAR.toAbsolutePath().toString()));
        command.addAll(args);
        return command;
    }

    /** Runs any command line (the packaged command wrapped in another, say) and collects its output. */
    static Run runCommand(Path workDir, List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("cli", ".out");
        Path err = Files.createTempFile("cli", ".err");
        try {
            Process process = new ProcessBuilder(command).directory(workDir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(15, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("virt-similarity did not finish: " + command);
            }
            return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
