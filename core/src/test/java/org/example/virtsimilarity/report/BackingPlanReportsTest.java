package org.example.virtsimilarity.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.example.virtsimilarity.storage.BackingPlan;
import org.example.virtsimilarity.storage.PlannedImage;
import org.junit.jupiter.api.Test;

class BackingPlanReportsTest {
    private static final long MIB = 1 << 20;
    /** base alone; clone-a and copy over base; clone-a1 over clone-a; other alone: the cheapest possible plan. */
    private final BackingPlan plan = new BackingPlan(List.of(
            new PlannedImage("base.img", -1, 0, 640, 40 * MIB, 40 * MIB),
            new PlannedImage("clone-a.img", 0, 1, 128, 8 * MIB, 48 * MIB),
            new PlannedImage("clone-a1.img", 1, 2, 16, MIB, 49 * MIB),
            new PlannedImage("other.img", -1, 0, 192, 12 * MIB, 12 * MIB),
            new PlannedImage("copy.qcow2", 0, 1, 0, 196 * 1024, 40 * MIB)), 65536, 8, 976);

    @Test
    void textDrawsTheTreeWithEachFilesBytesAndParentThenTheTotals() {
        assertThat(BackingPlanText.render(plan)).isEqualTo("""
                base.img                40.0 MiB  alone
                +-- clone-a.img          8.0 MiB  over base.img
                |   +-- clone-a1.img     1.0 MiB  over clone-a.img
                +-- copy.qcow2         196.0 KiB  over base.img
                other.img               12.0 MiB  alone

                before: 5 images as qcow2 files of their own: 189.0 MiB
                after:  as planned, chains at most 8 backing files deep: 61.2 MiB (32.4 % of before)
                no plan stores fewer blocks
                """);
    }

    @Test
    void aPlanCutByTheDepthBoundSaysByHowMuch() {
        BackingPlan cut = new BackingPlan(plan.images(), 65536, 1, 900);

        assertThat(BackingPlanText.render(cut))
                .endsWith("the depth bound cut chains: without it a plan stores 900 blocks, this one 976\n");
    }

    @Test
    void theLogLineGivesTheTotalsBeforeAndAfter() {
        assertThat(BackingPlanText.summary(plan))
                .isEqualTo("stored as overlays these 5 images would take 61.2 MiB instead of 189.0 MiB");
    }

    @Test
    void jsonGivesTheSameAsData() throws Exception {
        JsonNode json = new ObjectMapper().readTree(BackingPlanJson.render(plan));

        assertThat(json.get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(json.get("maxChain").asInt()).isEqualTo(8);
        assertThat(json.get("aloneBytes").asLong()).isEqualTo(plan.aloneBytes());
        assertThat(json.get("storedBytes").asLong()).isEqualTo(plan.storedBytes());
        assertThat(json.get("optimal").asBoolean()).isTrue();
        JsonNode clone = json.get("images").get(2);
        assertThat(clone.get("name").asText()).isEqualTo("clone-a1.img");
        assertThat(clone.get("parent").asText()).isEqualTo("clone-a.img");
        assertThat(clone.get("parentIndex").asInt()).isEqualTo(1);
        assertThat(clone.get("depth").asInt()).isEqualTo(2);
        assertThat(clone.get("storedBytes").asLong()).isEqualTo(MIB);
        assertThat(json.get("images").get(0).get("parent").isNull()).isTrue();
    }
}
