package org.example.virtsimilarity.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.example.virtsimilarity.SimilarityException;
import org.example.virtsimilarity.distance.Measure;
import org.example.virtsimilarity.verdict.GateResult;
import org.example.virtsimilarity.verdict.ImageVerdict;
import org.example.virtsimilarity.verdict.Thresholds;
import org.example.virtsimilarity.verdict.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryFileTest {
    static final Instant T0 = Instant.parse("2026-11-24T18:00:00Z");

    @TempDir
    Path dir;

    @Test
    void aMissingFileIsAnEmptyHistory() {
        assertThat(HistoryFile.read(dir.resolve("history.jsonl")).runs()).isEmpty();
    }

    @Test
    void runsAreAppendedNumberedAndReadBack() {
        Path file = dir.resolve("history.jsonl");
        History history = HistoryFile.read(file).append(gate(null), T0, "");
        HistoryFile.write(file, history);
        history = HistoryFile.read(file).append(gate(12.5), T0.plusSeconds(60), "nightly-2");
        HistoryFile.write(file, history);

        History read = HistoryFile.read(file);
        assertThat(read.runs()).extracting(HistoryRun::number).containsExactly(1, 2);
        assertThat(read.runs()).extracting(HistoryRun::axisLabel).containsExactly("#1", "nightly-2");
        assertThat(read.runs().get(0).divergence("web.qcow2")).isEmpty();
        assertThat(read.runs().get(0).verdict()).isEqualTo(Verdict.NO_BASELINE);
        assertThat(read.runs().get(1).divergence("web.qcow2")).hasValue(12.5);
        assertThat(read.runs().get(1).verdict()).isEqualTo(Verdict.FAIL);
        assertThat(read.runs().get(1).time()).isEqualTo(T0.plusSeconds(60));
        assertThat(read.series()).containsExactly("web.qcow2");
        assertThat(read.recent(1).runs()).extracting(HistoryRun::number).containsExactly(2);
    }

    @Test
    void keepsTheLatestRunsOnly() {
        History history = History.empty();
        for (int i = 0; i < History.MAX_RUNS + 5; i++) {
            history = history.append(gate(1.0), T0, "");
        }
        assertThat(history.runs()).hasSize(History.MAX_RUNS);
        assertThat(history.runs().get(0).number()).isEqualTo(6);
    }

    @Test
    void aDamagedLineIsReportedWithFileAndLine() throws Exception {
        Path file = dir.resolve("history.jsonl");
        HistoryFile.write(file, History.empty().append(gate(1.0), T0, ""));
        Files.writeString(file, "{\"run\":2,\"time\":\"yesterday\",\"images\":[]}\n",
                java.nio.file.StandardOpenOption.APPEND);

        assertThatThrownBy(() -> HistoryFile.read(file)).isInstanceOf(SimilarityException.class)
                .hasMessage(file + ": line 2 is not a history entry (bad time yesterday)");

        for (String bad : List.of("not json", "{\"run\":1}", "{\"run\":1,\"time\":\"2026-11-24T18:00:00Z\","
                + "\"images\":[{\"name\":\"a\",\"verdict\":\"maybe\"}]}", "[1,2]")) {
            Files.writeString(file, bad + "\n");
            assertThatThrownBy(() -> HistoryFile.read(file)).isInstanceOf(SimilarityException.class)
                    .hasMessageStartingWith(file + ": line 1 is not a history entry").hasMessageNotContaining("\n");
        }
    }

    @Test
    void runsOutOfOrderAreRefused() throws Exception {
        Path file = dir.resolve("history.jsonl");
        String run = "{\"run\":%d,\"time\":\"2026-11-24T18:00:00Z\",\"images\":[]}\n";
        Files.writeString(file, String.format(run, 2) + String.format(run, 1));

        assertThatThrownBy(() -> HistoryFile.read(file)).hasMessageContaining("runs out of order");
    }

    static GateResult gate(Double divergence) {
        Thresholds thresholds = Thresholds.of(5.0, 10.0);
        ImageVerdict image = divergence == null ? ImageVerdict.withoutBaseline("web.qcow2", 1L << 30, Measure.POSITION)
                : new ImageVerdict("web.qcow2", 1L << 30, Optional.of("web.qcow2"), OptionalDouble.of(divergence),
                        thresholds.verdict(divergence), Measure.POSITION, Optional.empty());
        return new GateResult(List.of(image), thresholds);
    }
}
