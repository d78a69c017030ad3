package org.example.virtsimilarity.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.example.virtsimilarity.cluster.Cladogram;
import org.example.virtsimilarity.cluster.Clustering;
import org.example.virtsimilarity.distance.DistanceMatrix;
import org.junit.jupiter.api.Test;

class TextCladogramTest {
    private static final List<String> MAN_PAGE_IMAGES = List.of("winxp-copy.img", "winxp-copy2.img",
            "f19rawhidex32.img", "f19rawhidex64.img", "archlinux20121201x64.img", "winxp.img", "winxp-copy2b.img");

    /**
     * The man page's example was made from these seven images in this order. This matrix makes upstream's algorithm
     * group winxp/winxp-copy first, then copy2/copy2b, then both pairs, then f19 x64, f19 x32 and arch.
     */
    private static DistanceMatrix manPageDistances() {
        int[][] d = new int[7][7];
        set(d, 0, 5, 1);
        set(d, 1, 6, 2);
        for (int a : new int[] {0, 5}) {
            for (int b : new int[] {1, 6}) {
                set(d, a, b, 3);
            }
        }
        for (int x : new int[] {0, 1, 5, 6}) {
            set(d, 3, x, 4);
            set(d, 2, x, 5);
        }
        set(d, 2, 3, 5);
        for (int x = 0; x < 7; x++) {
            if (x != 4) {
                set(d, 4, x, 6);
            }
        }
        DistanceMatrix.Builder builder = DistanceMatrix.builder(7, 65536);
        for (int i = 0; i < 7; i++) {
            for (int j = i + 1; j < 7; j++) {
                builder.set(i, j, d[i][j], d[i][j]);
            }
        }
        return builder.build();
    }

    private static void set(int[][] d, int i, int j, int value) {
        d[i][j] = value;
        d[j][i] = value;
    }

    @Test
    void reproducesUpstreamManPageExampleByteForByte() throws IOException {
        Cladogram tree = Clustering.cluster(manPageDistances());

        List<String> lines = TextCladogram.lines(tree, MAN_PAGE_IMAGES);

        assertThat(lines.subList(0, lines.size() - 1)).containsExactlyElementsOf(manPageExample());
        assertThat(lines.get(lines.size() - 1)).isEqualTo("       ");
        assertThat(TextCladogram.render(tree, MAN_PAGE_IMAGES)).isEqualTo(String.join("\n", lines) + "\n");
    }

    @Test
    void twoImagesGiveOneNode() {
        Cladogram tree = new Cladogram.Node(List.of(new Cladogram.Leaf(1), new Cladogram.Leaf(0)), 4);

        assertThat(TextCladogram.render(tree, List.of("a.img", "b.img")))
                .isEqualTo("---+------ b.img\n   |   \n   +------ a.img\n       \n");
    }

    private static List<String> manPageExample() throws IOException {
        try (InputStream in = TextCladogramTest.class.getResourceAsStream("upstream-man-page-cladogram.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.startsWith("#")).toList();
        }
    }
}
