package org.example.virtsimilarity.explain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.example.virtsimilarity.explain.FileChange.Change;
import org.junit.jupiter.api.Test;

class ExplanationTest {
    private static FileChange change(String path, Change kind, long oldSize, long newSize) {
        return new FileChange("/dev/sda", path, kind, FileType.REGULAR, oldSize, newSize, "");
    }

    @Test
    void changesRankByBytesAndEveryChangeCountsInItsTopLevelDirectory() {
        List<FileChange> changes = List.of(change("/var/log/app.log", Change.CHANGED, 1 << 20, 0),
                change("/opt/pkg/a.so", Change.ADDED, -1, 500), change("/opt/pkg/b.so", Change.ADDED, -1, 700),
                change("/README", Change.REMOVED, 20, -1), change("/etc/x", Change.METADATA, 5, 5));

        Explanation.Ranked ranked = Explanation.rank(changes, 2);

        assertThat(ranked.top()).extracting(FileChange::path).containsExactly("/var/log/app.log", "/opt/pkg/b.so");
        assertThat(ranked.count()).isEqualTo(5);
        assertThat(ranked.directories()).extracting(DirectoryTotal::directory)
                .containsExactly("/var", "/opt", "/", "/etc");
        DirectoryTotal opt = ranked.directories().get(1);
        assertThat(opt.files()).isEqualTo(2);
        assertThat(opt.addedBytes()).isEqualTo(1200);
        Explanation explanation = new Explanation("a", "b", Explanation.Status.COMPLETE, List.of(), 0, -1,
                List.of(), ranked.top(), ranked.count(), ranked.directories(), 1, 0);
        assertThat(explanation.bytes(Change.ADDED)).isEqualTo(1200);
        assertThat(explanation.bytes(Change.REMOVED)).isEqualTo(20);
        assertThat(explanation.bytes(Change.CHANGED)).isEqualTo(1 << 20);
    }

    @Test
    void aGuestNameCannotForgeALineOrMoveTheCursor() {
        assertThat(Printable.of("evil\n\u001b[31m<x>\t\\\u202e")).isEqualTo("evil\\n\\x1b[31m<x>\\t\\\\\\u202e");
    }
}
