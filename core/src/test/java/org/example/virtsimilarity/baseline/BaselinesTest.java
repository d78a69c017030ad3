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
    void signaturesMadeWithOtherSettingsAreLoadedForTheGateToRestart() throws Exception {
        Path file = dir.resolve("web.img.vsig");
        SignatureFile.write(signature, file);
        AnalysisOptions other = AnalysisOptions.builder().cacheEnabled(false).blockSize(4096).build();

        // the gate, not the loader, decides: it starts a new baseline for the image (see GateRunTest)
        byte[] bytes = SignatureFile.toBytes(signature);
        assertThat(Baselines.load(file, other, ProgressListener.NONE).forImage("web.img").map(SignatureFile::toBytes))
                .hasValueSatisfying(loaded -> assertThat(loaded).isEqualTo(bytes));
        assertThat(Baselines.load(dir, other, ProgressListener.NONE).forImage("web.img").map(SignatureFile::toBytes))
                .hasValueSatisfying(loaded -> assertThat(loaded).isEqualTo(bytes));
    }

    @Test
    void aBaselineNameExpressionPairsImagesOfOneSeries() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("night1"));
        Signature web = signature.withIdentity(signature.identity().withName("web-2026-12-01.qcow2"));
        Signature db = signature.withIdentity(signature.identity().withName("db-1.4.1.img"));
        SignatureFile.write(web, folder.resolve("web-2026-12-01.qcow2.vsig"));
        SignatureFile.write(db, folder.resolve("db-1.4.1.img.vsig"));
        BaselineName naming = BaselineName.of("(web|db)-[0-9.-]+\\.(img|qcow2)");

        Baseline baseline = Baselines.load(folder, options, naming, ProgressListener.NONE);

        assertThat(baseline.forImage("web-2026-12-02.qcow2").map(Signature::name)).contains(web.name());
        assertThat(baseline.forImage("db-1.4.2.img").map(Signature::name)).contains(db.name());
        // another extension is another series; a name the expression does not match keeps its own name
        assertThat(baseline.forImage("web-2026-12-02.img")).isEmpty();
        assertThat(baseline.forImage("db-1.4.1.img.bak")).isEmpty();
        assertThat(Baselines.load(folder, options, ProgressListener.NONE).forImage("web-2026-12-02.qcow2")).isEmpty();
    }

    @Test
    void aBaselineNameMustBeAnExpressionWithAGroupAndNameOneSignatureASeries() throws Exception {
        assertThatThrownBy(() -> BaselineName.of("web-.*")).hasMessageStartingWith("baselineName 'web-.*' has no"
                + " group: put the part of the name that stays the same from night to night in parentheses");
        assertThatThrownBy(() -> BaselineName.of("(web")).hasMessageStartingWith("baselineName '(web' is not a"
                + " regular expression");
        Path folder = Files.createDirectories(dir.resolve("two"));
        for (String name : List.of("web-1.img", "web-2.img")) {
            SignatureFile.write(signature.withIdentity(signature.identity().withName(name)),
                    folder.resolve(name + ".vsig"));
        }

        assertThatThrownBy(() -> Baselines.load(folder, options, BaselineName.of("(web)-.*"), ProgressListener.NONE))
                .hasMessage(folder + " (2 signatures): signatures web-1.img and web-2.img both match baselineName"
                        + " (web)-.* as 'web', so either could be the baseline");
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
