package org.example.virtsimilarity.explain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChecksumPlanTest {
    private static FileTreeWalker.Listing listing(int packageFiles, String... others) {
        Map<String, GuestFile> files = new LinkedHashMap<>();
        for (int i = 0; i < packageFiles; i++) {
            files.put("/usr/pkg/f" + i, new GuestFile(FileType.REGULAR, 0644, 0, 0, 1000, 0, ""));
        }
        for (String other : others) {
            files.put(other, new GuestFile(FileType.REGULAR, 0644, 0, 0, 500, 0, ""));
        }
        return new FileTreeWalker.Listing(files, Set.of(), List.of(), false);
    }

    private static Budget budget(long bytes) {
        return new Budget(ExplainOptions.defaults().withChecksumBytes(bytes).withTimeLimit(Duration.ofMinutes(1)),
                System.nanoTime());
    }

    @Test
    void aDirectoryOfMostlyOpenFilesIsOneCallAndALoneFileItsOwn() {
        FileTreeWalker.Listing before = listing(10, "/etc/a", "/etc/b", "/etc/c", "/etc/d", "/etc/e");
        FileTreeWalker.Listing after = listing(10, "/etc/a", "/etc/b", "/etc/c", "/etc/d", "/etc/e");
        List<String> open = List.of("/etc/a", "/usr/pkg/f0", "/usr/pkg/f1", "/usr/pkg/f2", "/usr/pkg/f3",
                "/usr/pkg/f4", "/usr/pkg/f5");

        ChecksumPlan plan = ChecksumPlan.of(open, before, after, budget(1 << 20));

        assertThat(plan.directories()).containsExactly("/usr/pkg");
        assertThat(plan.files()).containsExactly("/etc/a");
    }

    @Test
    void theBudgetCountsWholeDirectoriesOnBothDisks() {
        FileTreeWalker.Listing both = listing(10);
        List<String> open = List.of("/usr/pkg/f0", "/usr/pkg/f1", "/usr/pkg/f2", "/usr/pkg/f3", "/usr/pkg/f4",
                "/usr/pkg/f5");

        // the whole folder is 2 x 10,000 bytes, more than the budget: file by file, while it lasts
        ChecksumPlan plan = ChecksumPlan.of(open, both, both, budget(7_000));

        assertThat(plan.directories()).isEmpty();
        assertThat(plan.files()).containsExactly("/usr/pkg/f0", "/usr/pkg/f1", "/usr/pkg/f2");
    }

    @Test
    void coreutilsEscapedNamesAreReadBack() {
        String text = "aaaa  ./plain\n\\bbbb  ./new\\nline\\\\x\ncccc  ./sub/dir/f\ngarbage\n";

        assertThat(ChecksumLines.parse("/etc", text)).containsOnly(Map.entry("/etc/plain", "aaaa"),
                Map.entry("/etc/new\nline\\x", "bbbb"), Map.entry("/etc/sub/dir/f", "cccc"));
        assertThat(ChecksumLines.parse("/", "dddd  ./f\n")).containsOnly(Map.entry("/f", "dddd"));
    }
}
