package org.example.virtsimilarity.explain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.example.virtsimilarity.explain.FileChange.Change;
import org.junit.jupiter.api.Test;

class FileListComparisonTest {
    private static final long T = 1_700_000_000_000_000_000L;

    private static GuestFile file(long size, long time) {
        return new GuestFile(FileType.REGULAR, 0644, 0, 0, size, time, "");
    }

    private static FileTreeWalker.Listing whole(Map<String, GuestFile> files) {
        return new FileTreeWalker.Listing(files, Set.of(), List.of(), false);
    }

    private static Map<String, GuestFile> files(Object... pathsAndFiles) {
        Map<String, GuestFile> map = new LinkedHashMap<>();
        for (int i = 0; i < pathsAndFiles.length; i += 2) {
            map.put((String) pathsAndFiles[i], (GuestFile) pathsAndFiles[i + 1]);
        }
        return map;
    }

    @Test
    void metadataDecidesWhereItCanAndOnlySameSizeOtherTimeNeedsAChecksum() {
        GuestFile dir = new GuestFile(FileType.DIRECTORY, 0755, 0, 0, 4096, T, "");
        Map<String, GuestFile> before = files("/etc", dir, "/etc/a", file(10, T), "/etc/b", file(10, T),
                "/etc/c", file(10, T), "/etc/d", file(10, T), "/gone", file(300, T),
                "/link", new GuestFile(FileType.SYMLINK, 0777, 0, 0, 3, T, "old"));
        Map<String, GuestFile> after = files("/etc", new GuestFile(FileType.DIRECTORY, 0755, 0, 0, 4096, T + 1, ""),
                "/etc/a", file(10, T), "/etc/b", file(12, T + 5), "/etc/c", file(10, T + 5), "/etc/d",
                file(10, T + 9), "/new", new GuestFile(FileType.DIRECTORY, 0755, 0, 0, 4096, T, ""), "/new/x",
                file(7, T), "/link", new GuestFile(FileType.SYMLINK, 0777, 0, 0, 3, T, "new"));

        assertThat(FileListComparison.needChecksum(before, after)).containsExactly("/etc/c", "/etc/d");
        // c's checksums differ, d's agree (a touched file)
        List<FileChange> changes = FileListComparison.compare(whole(before), whole(after), "/dev/sda1", "/boot",
                (path, f) -> Optional.of(path.equals("/etc/d")));

        assertThat(changes).extracting(FileChange::path, FileChange::change).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("/boot/etc/b", Change.CHANGED),
                org.assertj.core.groups.Tuple.tuple("/boot/etc/c", Change.CHANGED),
                org.assertj.core.groups.Tuple.tuple("/boot/new/x", Change.ADDED),
                org.assertj.core.groups.Tuple.tuple("/boot/link", Change.CHANGED),
                org.assertj.core.groups.Tuple.tuple("/boot/gone", Change.REMOVED));
        assertThat(changes).filteredOn(c -> c.path().equals("/boot/link")).first()
                .extracting(FileChange::detail).isEqualTo("target old -> new");
        assertThat(changes).allMatch(c -> c.device().equals("/dev/sda1"));
    }

    @Test
    void anUncheckedFileIsSaidToBeSoAndModeOrOwnerChangesAreMetadata() {
        Map<String, GuestFile> before = files("/a", file(10, T), "/b", file(10, T));
        Map<String, GuestFile> after = files("/a", file(10, T + 1),
                "/b", new GuestFile(FileType.REGULAR, 0600, 1000, 1000, 10, T, ""));

        List<FileChange> changes = FileListComparison.compare(whole(before), whole(after), "/dev/sda", "",
                (path, f) -> Optional.empty());

        assertThat(changes).extracting(FileChange::change).containsExactly(Change.UNCHECKED, Change.METADATA);
        assertThat(changes.get(1).detail()).isEqualTo("mode 0644 -> 0600, owner 0:0 -> 1000:1000");
    }

    @Test
    void aListingThatStoppedShortReportsNoFileAsRemovedFromADirectoryItDidNotFinish() {
        Map<String, GuestFile> before = files("/a/x", file(1, T), "/b/y", file(2, T), "/b/z", file(3, T));
        Map<String, GuestFile> after = files("/b/y", file(2, T), "/c/new", file(4, T));
        // the image's listing finished / and /b, not /a; the baseline's finished everything but /c
        var image = new FileTreeWalker.Listing(after, Set.of("/", "/b"), List.of("stopped"), true);
        var baseline = new FileTreeWalker.Listing(before, Set.of("/", "/a", "/b"), List.of("stopped"), true);

        assertThat(FileListComparison.compare(baseline, image, "/dev/sda", "", (p, f) -> Optional.empty()))
                .extracting(FileChange::path, FileChange::change)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("/b/z", Change.REMOVED));
    }

    @Test
    void aTypeChangeIsAChange() {
        Map<String, GuestFile> before = files("/x", file(5, T));
        Map<String, GuestFile> after = files("/x", new GuestFile(FileType.SYMLINK, 0777, 0, 0, 1, T, "y"));

        assertThat(FileListComparison.compare(whole(before), whole(after), "/dev/sda", "",
                (p, f) -> Optional.empty()))
                .extracting(FileChange::change, FileChange::detail)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Change.CHANGED, "was regular"));
    }
}
