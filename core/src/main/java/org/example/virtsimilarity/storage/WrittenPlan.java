package org.example.virtsimilarity.storage;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A backing plan built as files.
 *
 * @param folder         where they are
 * @param files          the files, in the order of the plan's images
 * @param allocatedBytes what they take on disk together, as qemu-img info measures it
 */
public record WrittenPlan(Path folder, List<Path> files, long allocatedBytes) {
    public WrittenPlan {
        Objects.requireNonNull(folder, "folder");
        files = List.copyOf(files);
    }
}
