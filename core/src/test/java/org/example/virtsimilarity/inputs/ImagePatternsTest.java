package org.example.virtsimilarity.inputs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.example.virtsimilarity.SimilarityException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImagePatternsTest {
    @TempDir
    Path dir;

    @BeforeEach
    void tree() throws Exception {
        for (String file : List.of("top.qcow2", "images/a.qcow2", "images/b.img", "images/nightly/c.qcow2",
                "images/nightly/deep/d.qcow2")) {
            Files.createDirectories(dir.resolve(file).getParent());
            Files.createFile(dir.resolve(file));
        }
        Files.createDirectories(dir.resolve("images/folder.qcow2"));
    }

    @Test
    void starStaysInOneFolderAndDoubleStarCrossesAnyNumber() {
        assertThat(names("images/*.qcow2")).containsExactly("images/a.qcow2");
        assertThat(names("images/**/*.qcow2")).containsExactly("images/a.qcow2", "images/nightly/c.qcow2",
                "images/nightly/deep/d.qcow2");
        assertThat(names("**/*.qcow2")).hasSize(4).contains("top.qcow2");
        assertThat(names("images/?.img")).containsExactly("images/b.img");
        assertThat(names("images/**")).hasSize(4).doesNotContain("images/folder.qcow2");
    }

    @Test
    void aLinkedFolderIsSearchedAndPathsKeepTheLinkName() throws Exception {
        Files.createSymbolicLink(dir.resolve("linked"), dir.resolve("images"));
        Files.createSymbolicLink(dir.resolve("images/nightly/loop"), dir.resolve("images"));

        assertThat(names("linked/*.qcow2")).containsExactly("linked/a.qcow2");
        assertThat(names("linked/**/*.qcow2")).containsExactly("linked/a.qcow2", "linked/nightly/c.qcow2",
                "linked/nightly/deep/d.qcow2");
    }

    @Test
    void patternsKeepTheirOrderAndEachImageComesOnce() {
        assertThat(names("images/b.img", "images/*.qcow2", "images/*")).containsExactly("images/b.img",
                "images/a.qcow2");
    }

    @Test
    void onlyPatternsThatAllMatchNothingNameNoImage() {
        // a reactor module that makes no images passes; a missing plain path is still an error when opened
        assertThat(ImagePatterns.matchesNothing(dir, List.of("out/*.img", "images/*.vmdk"))).isTrue();
        assertThat(ImagePatterns.matchesNothing(dir, List.of("out/*.img", "images/*.qcow2"))).isFalse();
        assertThat(ImagePatterns.matchesNothing(dir, List.of("out/*.img", "missing.qcow2"))).isFalse();
    }

    @Test
    void aPlainPathIsKeptEvenWhenMissingSoThatOpeningItNamesIt() {
        assertThat(names("missing.qcow2")).containsExactly("missing.qcow2");
    }

    @Test
    void aPatternThatMatchesNothingIsAnError() {
        assertThatThrownBy(() -> names("images/*.vmdk")).isInstanceOf(SimilarityException.class)
                .hasMessage("image pattern 'images/*.vmdk' matches no file under " + dir);
        assertThatThrownBy(() -> names("nowhere/*.img")).hasMessageContaining("matches no file");
        assertThatThrownBy(() -> names(" ", "")).hasMessage("no images given");
    }

    private List<String> names(String... patterns) {
        return ImagePatterns.expand(dir, List.of(patterns)).stream()
                .map(path -> dir.relativize(path).toString()).toList();
    }
}
