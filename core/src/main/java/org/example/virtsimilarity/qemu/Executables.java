package org.example.virtsimilarity.qemu;

import java.nio.file.Files;
import java.nio.file.Path;

/** Whether an external tool (qemu-img, qemu-nbd) is installed, by the search the shell would do. */
public final class Executables {
    private Executables() {
    }

    public static boolean onPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                return true;
            }
        }
        return false;
    }
}
