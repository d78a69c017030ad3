package org.example.virtsimilarity.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.example.virtsimilarity.TestImages;
import org.example.virtsimilarity.analysis.AnalysisOptions;
import org.example.virtsimilarity.analysis.AnalysisResult;
import org.example.virtsimilarity.analysis.ProgressListener;
import org.example.virtsimilarity.analysis.SimilarityAnalysis;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportFormatTest {
    @TempDir
    Path dir;
    AnalysisResult result;

    @BeforeEach
    void analyse() throws Exception {
        Path base = TestImages.raw(dir.resolve("base.img"), 32, 1, 20, 21, 22, 23);
        Path clone = TestImages.changedCopy(base, dir.resolve("clone, \"quoted\".img"), 2, 3, 4);
        Path other = TestImages.raw(dir.resolve("other.img"), 40, 3);
        result = SimilarityAnalysis.run(AnalysisOptions.builder().inputs(List.of(base, clone, other))
                .cacheEnabled(false).build(), ProgressListener.NONE);
    }

    @Test
    void jsonHoldsImagesMatricesPairsAndTree() throws Exception {
        JsonNode json = new ObjectMapper().readTree(ReportFormat.JSON.render(result));

        assertThat(json.get("hash").asText()).isEqualTo("xxh128");
        assertThat(json.get("images")).hasSize(3);
        assertThat(json.get("images").get(0).get("zeroBlocks").asInt()).isEqualTo(4);
        assertThat(json.get("images").get(2).get("size").asLong()).isEqualTo(40L * 65536);
        assertThat(json.get("distanceBlocks").get(0).get(1).asInt()).isEqualTo(2);
        // other.img has 40 random blocks: all 32 positions differ from base, plus 8 non-zero past its end
        assertThat(json.get("distanceBlocks").get(0).get(2).asInt()).isEqualTo(40);
        // 2 of 28 blocks, in percent (as every threshold is), rounded to six places
        assertThat(json.get("divergencePercent").get(0).get(1).asDouble()).isEqualTo(7.142857);
        assertThat(json.get("pairs")).hasSize(3);
        assertThat(json.get("pairs").get(0).get("differingBytes").asLong()).isEqualTo(2L * 65536);
        JsonNode tree = json.get("tree");
        assertThat(tree.get("children").get(1).get("name").asText()).isEqualTo("other.img");
        assertThat(tree.get("children").get(0).get("distance").asInt()).isEqualTo(2);
    }

    @Test
    void newickQuotesNamesThatAreNotPlainWords() {
        assertThat(ReportFormat.NEWICK.render(result))
                .isEqualTo("(('clone, \"quoted\".img':2,base.img:2):38,other.img:40);\n");
    }

    @Test
    void csvQuotesFieldsAsRfc4180Says() {
        assertThat(ReportFormat.CSV.render(result).split("\r\n")).containsExactly(
                "image,base.img,\"clone, \"\"quoted\"\".img\",other.img",
                "base.img,0,2,40",
                "\"clone, \"\"quoted\"\".img\",2,0,40",
                "other.img,40,40,0");
    }

    @Test
    void writesReportsWholeAndLeavesNoTemporaryFiles() throws Exception {
        Path out = Files.createDirectory(dir.resolve("out"));
        for (ReportFormat format : ReportFormat.values()) {
            if (format.rendersAnalysis()) {
                format.write(result, out.resolve(format.fileName()));
            }
        }

        try (var files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("cladogram.txt", "report.json", "cladogram.nwk", "distances.csv");
        }
        assertThat(Files.readString(out.resolve("cladogram.txt"))).isEqualTo(ReportFormat.TEXT.render(result));
        // the HTML page is a build gate's: it needs verdicts the analysis alone does not have
        assertThatThrownBy(() -> ReportFormat.HTML.render(result)).isInstanceOf(IllegalArgumentException.class);
    }
}
