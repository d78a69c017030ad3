package org.example.virtsimilarity.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.example.virtsimilarity.SimilarityException;
import org.example.virtsimilarity.TestImages;
import org.example.virtsimilarity.analysis.AnalysisOptions;
import org.example.virtsimilarity.analysis.ImageResult;
import org.example.virtsimilarity.analysis.ImageSigning;
import org.example.virtsimilarity.analysis.ProgressListener;
import org.example.virtsimilarity.baseline.Baseline;
import org.example.virtsimilarity.distance.Measure;
import org.example.virtsimilarity.history.History;
import org.example.virtsimilarity.history.HistoryRun;
import org.example.virtsimilarity.signature.Signature;
import org.example.virtsimilarity.verdict.Thresholds;
import org.example.virtsimilarity.verdict.Verdict;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GateRunTest {
    @TempDir
    Path dir;
    Path night1;
    Path night2;

    @BeforeEach
    void twoNights() throws Exception {
        TestImages.twoNights(dir);
        night1 = dir.resolve("night1");
        night2 = dir.resolve("night2");
    }

    @Test
    void aFirstRunPassesWithoutBaselineAndWritesEveryReport() throws Exception {
        GateRunResult result = GateRun.run(options(night1, "out1").build(), ProgressListener.NONE);

        assertThat(result.gate().verdict()).isEqualTo(Verdict.NO_BASELINE);
        Path out = dir.resolve("out1");
        assertThat(out.resolve("cladogram.txt")).content().contains("web.img").contains("db.img");
        assertThat(out.resolve("report.json")).content().contains("\"schemaVersion\"");
        assertThat(out.resolve("distances.csv")).exists();
        assertThat(out.resolve("cladogram.nwk")).doesNotExist();
        assertThat(out.resolve("index.html")).content().contains("no baseline").contains("heatmap.png");
        assertThat(Files.readAllBytes(out.resolve("heatmap.png"))).startsWith((byte) 0x89, (byte) 'P');
        assertThat(Files.readAllBytes(out.resolve("trend.png"))).startsWith((byte) 0x89, (byte) 'P');
        assertThat(out.resolve("signatures/web.img.vsig")).exists();
        assertThat(out.resolve("signatures/db.img.vsig")).exists();
        assertThat(out.resolve("history.jsonl")).content().hasLineCount(1);
        assertThat(result.files()).allMatch(Files::exists);
        try (Stream<Path> files = Files.walk(out)) {
            assertThat(files.map(Path::getFileName).map(Path::toString)).noneMatch(name -> name.endsWith(".tmp"));
        }
    }

    @Test
    void theNextRunComparesEachImageWithItsSignatureFromTheRunBefore() {
        GateRun.run(options(night1, "out").build(), ProgressListener.NONE);

        GateRunResult second = GateRun.run(options(night2, "out").baseline(dir.resolve("out"))
                .thresholds(Thresholds.of(5.0, 20.0)).time(Instant.parse("2026-11-25T02:00:00Z")).build(),
                ProgressListener.NONE);

        assertThat(second.baseline().size()).isEqualTo(2);
        assertThat(second.gate().images().get(0).divergence()).hasValue(0.0);
        assertThat(second.gate().images().get(1).name()).isEqualTo("web.img");
        assertThat(second.gate().images().get(1).divergence()).hasValue(10.0);
        assertThat(second.gate().verdict()).isEqualTo(Verdict.WARN);
        assertThat(second.history().runs()).extracting(HistoryRun::number).containsExactly(1, 2);
        assertThat(second.history().runs().get(1).divergence("web.img")).hasValue(10.0);
    }

    @Test
    void aHistoryKeptByTheCallerIsExtendedAndNoFileIsWritten() {
        GateRunResult first = GateRun.run(options(night1, "out1").history(History.empty()).build(),
                ProgressListener.NONE);
        GateRunResult second = GateRun.run(options(night2, "out2").history(first.history()).label("#7").build(),
                ProgressListener.NONE);

        assertThat(second.history().runs()).extracting(HistoryRun::axisLabel).containsExactly("#1", "#7");
        assertThat(dir.resolve("out1/history.jsonl")).doesNotExist();
        assertThat(dir.resolve("out2/history.jsonl")).doesNotExist();
        assertThat(second.files()).noneMatch(file -> file.toString().endsWith(".jsonl"));
    }

    @Test
    void signaturesOfImagesNoLongerAnalysedAreRemoved() {
        GateRun.run(options(night1, "out").build(), ProgressListener.NONE);

        GateRunResult onlyWeb = GateRun.run(GateOptions.builder(night1).images(List.of("web.img"))
                .analysis(AnalysisOptions.builder().cacheEnabled(false).build())
                .outputDirectory(dir.resolve("out")).build(), ProgressListener.NONE);

        assertThat(onlyWeb.outputDirectory().resolve("signatures/db.img.vsig")).doesNotExist();
        assertThat(onlyWeb.outputDirectory().resolve("signatures/web.img.vsig")).exists();
    }

    @Test
    void namesFromInputAreEscapedInTheHtmlReport() throws Exception {
        Path odd = TestImages.raw(dir.resolve("<script>alert(1)<"), 4, 9);
        GateRun.run(GateOptions.builder(dir).images(List.of(odd.toString()))
                .analysis(AnalysisOptions.builder().cacheEnabled(false).build())
                .outputDirectory(dir.resolve("out")).build(), ProgressListener.NONE);

        assertThat(dir.resolve("out/index.html")).content().doesNotContain("<script>")
                .contains("&lt;script&gt;alert(1)&lt;");
    }

    @Test
    void twoImagesOfOneNameAreRefusedBeforeAnythingIsWritten() {
        assertThatThrownBy(() -> GateRun.run(GateOptions.builder(dir).images(List.of("night*/web.img"))
                .analysis(AnalysisOptions.builder().cacheEnabled(false).build())
                .outputDirectory(dir.resolve("out")).build(), ProgressListener.NONE))
                .isInstanceOf(SimilarityException.class)
                .hasMessage(night2.resolve("web.img") + ": has the same file name as " + night1.resolve("web.img")
                        + "; reports and baselines name images by file name, so rename one");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void anUnwritableOutputDirectoryIsAOneLineErrorAndLeavesNoFiles() throws Exception {
        Path locked = Files.createDirectories(dir.resolve("locked"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
        org.junit.jupiter.api.Assumptions.assumeFalse(Files.isWritable(locked), "running as a user who may write");

        assertThatThrownBy(() -> GateRun.run(options(night1, "locked/out").build(), ProgressListener.NONE))
                .isInstanceOf(SimilarityException.class)
                .hasMessage(locked.resolve("out") + ": cannot create the output directory: Permission denied");
    }

    @Test
    void aFileInTheWayOfTheOutputDirectoryIsAOneLineError() throws Exception {
        Files.writeString(dir.resolve("reports"), "a file, not a folder");

        assertThatThrownBy(() -> GateRun.run(options(night1, "reports/out").build(), ProgressListener.NONE))
                .isInstanceOf(SimilarityException.class)
                .hasMessageStartingWith(dir.resolve("reports/out").toString())
                .hasMessageEndingWith(": Not a directory").hasMessageNotContaining("\n");
        assertThat(dir.resolve("reports")).hasContent("a file, not a folder");
    }

    @Test
    void aDamagedHistoryStopsTheRunBeforeAnythingIsWritten() throws Exception {
        Path history = Files.writeString(dir.resolve("history.jsonl"), "garbage\n");

        assertThatThrownBy(() -> GateRun.run(options(night1, "out").historyFile(history).build(),
                ProgressListener.NONE)).hasMessageStartingWith(history + ": line 1 is not a history entry");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void aBaselineWithoutContentStartsANewOneInsteadOfFailingEveryRunAfter() {
        // night 1 gated by position (as before an upgrade); night 2 by content, against night 1's signatures
        GateRun.run(options(night1, "out").build(), ProgressListener.NONE);
        AnalysisOptions content = AnalysisOptions.builder().cacheEnabled(false).measure(Measure.CONTENT).build();

        GateRunResult second = GateRun.run(options(night2, "out").analysis(content).baseline(dir.resolve("out"))
                .thresholds(Thresholds.of(null, 5.0)).build(), ProgressListener.NONE);
        GateRunResult third = GateRun.run(options(night2, "out").analysis(content).baseline(dir.resolve("out"))
                .thresholds(Thresholds.of(null, 5.0)).build(), ProgressListener.NONE);

        assertThat(second.gate().verdict()).isEqualTo(Verdict.NO_BASELINE);
        assertThat(second.gate().notes()).containsExactly("starts a new baseline for db.img: its baseline db.img holds"
                + " no content fingerprints (it was made for the position measure, or by an older version)",
                "starts a new baseline for web.img: its baseline web.img holds no content fingerprints (it was made"
                + " for the position measure, or by an older version)");
        assertThat(third.gate().verdict()).isEqualTo(Verdict.PASS);
        assertThat(third.gate().images().get(1).divergence()).hasValue(0.0);
    }

    @Test
    void aBaselineOfTheContentMeasureStartsANewOneForAPositionGate() {
        AnalysisOptions content = AnalysisOptions.builder().cacheEnabled(false).measure(Measure.CONTENT).build();
        GateRun.run(options(night1, "out").analysis(content).build(), ProgressListener.NONE);

        GateRunResult changed = GateRun.run(options(night2, "out").baseline(dir.resolve("out"))
                .thresholds(Thresholds.of(null, 5.0)).build(), ProgressListener.NONE);
        GateRunResult after = GateRun.run(options(night2, "out").baseline(dir.resolve("out"))
                .thresholds(Thresholds.of(null, 5.0)).build(), ProgressListener.NONE);

        assertThat(changed.gate().verdict()).isEqualTo(Verdict.NO_BASELINE);
        assertThat(changed.gate().restarted()).containsEntry("web.img", "its baseline web.img holds digests of sector"
                + " digests and this run makes digests of block bytes");
        assertThat(after.gate().verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void aReferenceThisRunCannotCompareWithIsAnErrorNotANewBaseline() throws Exception {
        AnalysisOptions content = AnalysisOptions.builder().cacheEnabled(false).measure(Measure.CONTENT).build();
        GateRun.run(options(night1, "out").analysis(content).build(), ProgressListener.NONE);
        Path reference;
        try (Stream<Path> files = Files.list(dir.resolve("out").resolve("signatures"))) {
            reference = files.sorted().findFirst().orElseThrow();
        }

        assertThatThrownBy(() -> GateRun.run(options(night2, "out2").baseline(reference).build(),
                ProgressListener.NONE)).isInstanceOf(SimilarityException.class)
                .hasMessageContaining(" by the reference " + reference + ": its baseline ")
                .hasMessageEndingWith(" holds digests of sector digests and this run makes digests of block bytes;"
                        + " make the reference again with this run's settings");
        assertThat(dir.resolve("out2")).doesNotExist();
    }

    @Test
    void aChangedHashOrBlockSizeStartsANewBaselineAndTheRunAfterComparesAgain() {
        GateRun.run(options(night1, "out").build(), ProgressListener.NONE);
        AnalysisOptions small = AnalysisOptions.builder().cacheEnabled(false).blockSize(4096).build();

        GateRunResult changed = GateRun.run(options(night2, "out").analysis(small).baseline(dir.resolve("out"))
                .thresholds(Thresholds.of(null, 5.0)).build(), ProgressListener.NONE);
        GateRunResult after = GateRun.run(options(night2, "out").analysis(small).baseline(dir.resolve("out"))
                .thresholds(Thresholds.of(null, 5.0)).build(), ProgressListener.NONE);

        assertThat(changed.gate().verdict()).isEqualTo(Verdict.NO_BASELINE);
        assertThat(changed.gate().restarted()).containsEntry("web.img", "its baseline web.img was hashed with xxh128"
                + " in 65536-byte blocks and this run hashes with xxh128 in 4096-byte blocks");
        assertThat(changed.history().runs().get(1).images()).allMatch(entry -> entry.divergence().isEmpty());
        assertThat(after.gate().verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void aFailedImageKeepsItsBaselineInTheSetAndItsOwnSignatureApart() throws Exception {
        GateRun.run(options(night1, "night1").build(), ProgressListener.NONE);
        Thresholds strict = Thresholds.of(null, 5.0);

        GateRunResult failed = GateRun.run(options(night2, "night2").baseline(dir.resolve("night1"))
                .thresholds(strict).build(), ProgressListener.NONE);
        GateRunResult again = GateRun.run(options(night2, "night3").baseline(dir.resolve("night2"))
                .thresholds(strict).build(), ProgressListener.NONE);

        assertThat(failed.gate().verdict()).isEqualTo(Verdict.FAIL);
        assertThat(failed.gate().keptBaselines()).containsExactly("web.img");
        byte[] accepted = Files.readAllBytes(dir.resolve("night1/signatures/web.img.vsig"));
        assertThat(dir.resolve("night2/signatures/web.img.vsig")).hasBinaryContent(accepted);
        assertThat(Files.readAllBytes(dir.resolve("night2/run-signatures/web.img.vsig"))).isNotEqualTo(accepted);
        // db.img passed: its signature of this run is its baseline
        assertThat(dir.resolve("night2/signatures/db.img.vsig"))
                .hasSameBinaryContentAs(dir.resolve("night2/run-signatures/db.img.vsig"));
        assertThat(again.gate().verdict()).isEqualTo(Verdict.FAIL);
        assertThat(again.gate().images().get(1).divergence()).hasValue(10.0);
    }

    @Test
    void anAcceptedImagePassesAndItsSignatureBecomesTheBaseline() {
        GateRun.run(options(night1, "night1").build(), ProgressListener.NONE);

        GateRunResult accepted = GateRun.run(options(night2, "night2").baseline(dir.resolve("night1"))
                .thresholds(Thresholds.of(null, 5.0)).accept(List.of("web.img")).build(), ProgressListener.NONE);

        assertThat(accepted.gate().verdict()).isEqualTo(Verdict.PASS);
        assertThat(accepted.gate().images().get(1).verdict()).isEqualTo(Verdict.FAIL);
        assertThat(accepted.gate().label(accepted.gate().images().get(1))).isEqualTo("FAIL (accepted)");
        assertThat(accepted.gate().notes()).containsExactly("accepted: web.img diverges 10.00 % from baseline web.img;"
                + " its signature of this run is its new baseline");
        assertThat(dir.resolve("night2/signatures/web.img.vsig"))
                .hasSameBinaryContentAs(dir.resolve("night2/run-signatures/web.img.vsig"));
        // a misspelt name is said, not an error: a reactor's modules share one command line
        GateRunResult misspelt = GateRun.run(options(night2, "night3").baseline(dir.resolve("night1"))
                .thresholds(Thresholds.of(null, 5.0)).accept(List.of("wbe.img")).build(), ProgressListener.NONE);
        assertThat(misspelt.gate().verdict()).isEqualTo(Verdict.FAIL);
        assertThat(misspelt.gate().notes()).contains("accept names wbe.img, which is not an image of this run");
    }

    @Test
    void anImageThatFailsForWantOfABaselineStaysOutOfTheSetUntilAccepted() throws Exception {
        Files.delete(night1.resolve("db.img"));
        GateRun.run(options(night1, "night1").build(), ProgressListener.NONE);
        GateOptions.Builder strict = options(night2, "night2").baseline(dir.resolve("night1"))
                .failOnMissingBaseline(true);

        GateRunResult failed = GateRun.run(strict.build(), ProgressListener.NONE);
        GateRunResult again = GateRun.run(options(night2, "night3").baseline(dir.resolve("night2"))
                .failOnMissingBaseline(true).build(), ProgressListener.NONE);
        GateRunResult accepted = GateRun.run(options(night2, "night4").baseline(dir.resolve("night3"))
                .failOnMissingBaseline(true).accept(List.of("db.img")).build(), ProgressListener.NONE);

        assertThat(failed.gate().verdict()).isEqualTo(Verdict.FAIL);
        assertThat(failed.gate().keptBaselines()).containsExactly("db.img");
        assertThat(dir.resolve("night2/signatures/db.img.vsig")).doesNotExist();
        assertThat(dir.resolve("night2/run-signatures/db.img.vsig")).exists();
        assertThat(again.gate().verdict()).isEqualTo(Verdict.FAIL);
        assertThat(accepted.gate().verdict()).isEqualTo(Verdict.PASS);
        assertThat(accepted.gate().notes()).contains("accepted: db.img has no baseline signature; its signature of"
                + " this run is its new baseline");
        assertThat(dir.resolve("night4/signatures/db.img.vsig")).exists();
    }

    @Test
    void aBaselineSetTheNextRunCouldNotLoadIsRefusedBeforeAnythingIsWritten() throws Exception {
        Files.copy(night1.resolve("web.img"), night1.resolve("web-2.img"));
        GateOptions twoOfOneSeries = options(night1, "out")
                .baselineName(org.example.virtsimilarity.baseline.BaselineName.of("(web)(?:-2)?\\.img")).build();

        assertThatThrownBy(() -> GateRun.run(twoOfOneSeries, ProgressListener.NONE))
                .hasMessage("the baseline set of this run: signatures web-2.img and web.img both match baselineName"
                        + " (web)(?:-2)?\\.img as 'web', so either could be the baseline");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void signaturesGivenAsValuesMustNameAPlainFile() {
        // a CI agent ships signatures; a name of its making must not lead the signature files out of their folder
        ImageResult web = ImageSigning.sign(AnalysisOptions.builder().input(night1.resolve("web.img"))
                .cacheEnabled(false).build(), ProgressListener.NONE).get(0);
        Signature escaping = web.signature().withIdentity(web.signature().identity().withName("../escaped"));
        ImageResult hostile = new ImageResult(web.path(), web.format(), web.formatStated(), web.backing(), escaping,
                web.origin());

        assertThatThrownBy(() -> GateRun.run(options(night1, "out").build(), List.of(hostile), Baseline.none(),
                requests -> List.of(), ProgressListener.NONE)).isInstanceOf(SimilarityException.class)
                .hasMessage(web.path() + ": is named '../escaped', which is not a plain file name");
        assertThatThrownBy(() -> GateRun.run(options(night1, "out").build(), List.of(), Baseline.none(),
                requests -> List.of(), ProgressListener.NONE)).hasMessage("no images to judge");
        assertThat(dir.resolve("out")).doesNotExist();
        assertThat(dir.resolve("escaped.vsig")).doesNotExist();
    }

    @Test
    void concurrentRunsSharingAHistoryEachAppendTheirRun() throws Exception {
        Path history = dir.resolve("history.jsonl");
        int runs = 6;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(runs);
        try {
            List<java.util.concurrent.Future<GateRunResult>> results = new java.util.ArrayList<>();
            for (int run = 0; run < runs; run++) {
                String out = "out" + run;
                results.add(pool.submit(() -> GateRun.run(options(night1, out).historyFile(history).build(),
                        ProgressListener.NONE)));
            }
            for (java.util.concurrent.Future<GateRunResult> result : results) {
                result.get();
            }
        } finally {
            pool.shutdown();
        }

        // read, append and write under the history's lock: no run overwrote another's
        assertThat(history).content().hasLineCount(runs);
        assertThat(org.example.virtsimilarity.history.HistoryFile.read(history).runs())
                .extracting(HistoryRun::number).containsExactly(1, 2, 3, 4, 5, 6);
    }

    private GateOptions.Builder options(Path images, String out) {
        return GateOptions.builder(images).images(List.of("*.img"))
                .analysis(AnalysisOptions.builder().cacheEnabled(false).build())
                .outputDirectory(dir.resolve(out));
    }
}
