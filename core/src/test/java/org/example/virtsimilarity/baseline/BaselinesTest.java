package org.example.virtsimilarity.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.example.virtsimilarity.SimilarityException;
import org.example.virtsimilarity.TestImages;
import org.example.virtsimilarity.analysis.AnalysisOptions;
import org.example.virtsimilarity.analysis.ProgressListener;
import org.example.virtsimilarity.analysis.SimilarityAnalysis;
import org.example.virtsimilarity.signature.HashAlgorithm;
import org.example.virtsimilarity.signature.Signature;
import org.example.virtsimilarity.signature.SignatureFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaselinesTest {
    @TempDir
    Path dir;
    Path image;
    Signature signature;
    final AnalysisOptions options = AnalysisOptions.builder().cacheEnabled(false).build();

    @BeforeEach
    void image() throws Exception {
        image = TestImages.raw(dir.resolve("web.img"), 16, 7, 3);
        signature = SimilarityAnalysis.run(options.withInputs(List.of(image)), ProgressListener.NONE)
                .images().get(0).signature();
    }

    @Test
    void anImageIsReadAsTheReferenceForEveryImage() {
        Baseline baseline = Baselines.load(image, options, ProgressListener.NONE);

        assertThat(baseline.size()).isEqualTo(1);
        assertThat(baseline.forImage("anything.qcow2")).hasValueSatisfying(s -> assertThat(s.sameAt(0, signature))
                .isTrue());
        assertThat(baseline.description()).isEqualTo(image.toString());
    }

    @Test
    void aSignatureFileIsTheReference() throws Exception {
        Path file = dir.resolve("reference.vsig");
        SignatureFile.write(signature, file);

        assertThat(Baselines.load(file, options, ProgressListener.NONE).forImage("db.img"))
                .hasValueSatisfying(s -> assertThat(s.name()).isEqualTo("web.img"));
    }

    @Test
    void anEarlierRunsOutputDirectoryMatchesImagesByName() throws Exception {
        Path signatures = Files.createDirectories(dir.resolve("previous/signatures"));
        SignatureFile.write(signature, signatures.resolve("web.img.vsig"));
        SignatureFile.write(signature.withIdentity(signature.identity().withName("db.img")),
                signatures.resolve("db.img.vsig"));

        for (Path folder : List.of(dir.resolve("previous"), signatures)) {
            Baseline baseline = Baselines.load(folder, options, ProgressListener.NONE);
            assertThat(baseline.size()).isEqualTo(2);
            assertThat(baseline.forImage("db.img")).hasValueSatisfying(s -> assertThat(s.name()).isEqualTo("db.img"));
            assertThat(baseline.forImage("web.qcow2")).as("same stem, other format")
                    .hasValueSatisfying(s -> assertThat(s.name()).isEqualTo("web.img"));
            assertThat(baseline.forImage("new.img")).isEmpty();
        }
    }

    @Test
    void aFolderWithoutSignaturesIsAnEmptyBaseline() throws Exception {
        Baseline baseline = Baselines.load(Files.createDirectories(dir.resolve("first")), options,
                ProgressListener.NONE);

        assertThat(baseline.size()).isZero();
        assertThat(baseline.forImage("web.img")).isEmpty();
    }

    @Test
    void signaturesMadeWithOtherSettingsAreRefusedByName() throws Exception {
        Path file = dir.resolve("web.img.vsig");
        SignatureFile.write(signature, file);
        AnalysisOptions other = AnalysisOptions.builder().cacheEnabled(false).blockSize(4096).build();
        AnalysisOptions sha = AnalysisOptions.builder().cacheEnabled(false).algorithm(HashAlgorithm.SHA256).build();

        assertThatThrownBy(() -> Baselines.load(file, other, ProgressListener.NONE))
                .isInstanceOf(SimilarityException.class)
                .hasMessage(file + ": signature was made with 65536-byte blocks and xxh128, but this run uses "
                        + "4096-byte blocks and xxh128");
        assertThatThrownBy(() -> Baselines.load(dir, sha, ProgressListener.NONE))
                .hasMessageStartingWith(file + ": signature was made with 65536-byte blocks and xxh128");
    }

    @Test
    void aBaselineFolderThatDoesNotExistYetIsAnEmptyBaselineOnAPipelinesFirstNight() {
        Path notYet = dir.resolve("last-good");

        Baseline baseline = Baselines.load(notYet, options, ProgressListener.NONE);

        assertThat(baseline.size()).isZero();
        assertThat(baseline.description()).isEqualTo(notYet + " (does not exist yet)");
    }

    @Test
    void aMissingOrDamagedBaselineFileIsAnErrorNamingIt() throws Exception {
        Path missing = dir.resolve("nowhere.vsig");
        assertThatThrownBy(() -> Baselines.load(missing, options, ProgressListener.NONE))
                .isInstanceOf(SimilarityException.class).hasMessageStartingWith(missing.toString());
        assertThatThrownBy(() -> Baselines.load(dir.resolve("typo.qcow2"), options, ProgressListener.NONE))
                .isInstanceOf(SimilarityException.class);

        Path folder = Files.createDirectories(dir.resolve("damaged"));
        Path damaged = folder.resolve("web.img.vsig");
        Files.write(damaged, new byte[] {'V', 'S', 'I', 'G', '\r', '\n', 0x1a, '\n', 0, 1});
        assertThatThrownBy(() -> Baselines.load(folder, options, ProgressListener.NONE))
                .isInstanceOf(SimilarityException.class).hasMessageStartingWith(damaged + ": ");
    }
}
