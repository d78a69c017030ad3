package org.example.virtsimilarity.explain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.example.virtsimilarity.TestImages;
import org.example.virtsimilarity.analysis.AnalysisOptions;
import org.example.virtsimilarity.analysis.ImageResult;
import org.example.virtsimilarity.analysis.ImageSigning;
import org.example.virtsimilarity.analysis.ProgressListener;
import org.example.virtsimilarity.distance.ContentComparison;
import org.example.virtsimilarity.distance.Measure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DivergenceByRangeTest {
    @TempDir
    Path dir;

    @Test
    void eachMeasureSplitsOverTheRangesAndAddsUpToTheWhole() throws Exception {
        // 32 blocks of 64 KiB; the copy changes blocks 2 and 20
        Path base = TestImages.raw(dir.resolve("base.img"), 32, 1);
        Path copy = TestImages.changedCopy(base, dir.resolve("copy.img"), 9, 2, 20);
        List<ImageResult> signed = ImageSigning.sign(AnalysisOptions.builder().measure(Measure.CONTENT)
                .cacheEnabled(false).inputs(List.of(copy, base)).build(), ProgressListener.NONE);
        int block = TestImages.BLOCK;
        // block 2 lies in the first range; block 20 half in the second, half outside both
        List<DiskRange> ranges = List.of(new DiskRange(0, 4L * block), new DiskRange(10L * block, 10L * block
                + block / 2));

        DivergenceByRange divergence = DivergenceByRange.of(signed.get(0).signature(), signed.get(1).signature(),
                ranges);

        assertThat(divergence.positionBytes()).containsExactly(block, block / 2, block / 2);
        long[] content = divergence.contentNewBytes().orElseThrow();
        long newBytes = ContentComparison.of(signed.get(0).signature().content().orElseThrow(),
                signed.get(1).signature().content().orElseThrow()).newBytes();
        assertThat(Arrays.stream(content).sum()).isEqualTo(newBytes).isPositive();
        assertThat(content[0]).isPositive();
        assertThat(content[1] + content[2]).isPositive();
    }

    @Test
    void aChunkRepeatedThousandsOfTimesIsCountedAsAMultiset() throws Exception {
        // one random 64 KiB block 256 times against the same block 100 times: 156 copies' worth is new
        byte[] block = new byte[TestImages.BLOCK];
        new java.util.Random(5).nextBytes(block);
        Path many = java.nio.file.Files.write(dir.resolve("many.img"), repeat(block, 256));
        Path few = java.nio.file.Files.write(dir.resolve("few.img"), repeat(block, 100));
        List<ImageResult> signed = ImageSigning.sign(AnalysisOptions.builder().measure(Measure.CONTENT)
                .cacheEnabled(false).inputs(List.of(many, few)).build(), ProgressListener.NONE);
        var image = signed.get(0).signature().content().orElseThrow();
        var baseline = signed.get(1).signature().content().orElseThrow();

        long[] content = DivergenceByRange.content(image, baseline, List.of(new DiskRange(0, 90L * block.length)));

        assertThat(Arrays.stream(content).sum()).isEqualTo(ContentComparison.of(image, baseline).newBytes())
                .isGreaterThan(150L * block.length);
        // the last copies in disk order are the new ones, so the first 90 blocks (of 100 held) hold none
        assertThat(content[0]).isZero();
    }

    private static byte[] repeat(byte[] block, int times) {
        byte[] data = new byte[block.length * times];
        for (int i = 0; i < times; i++) {
            System.arraycopy(block, 0, data, i * block.length, block.length);
        }
        return data;
    }

    @Test
    void overlappingPartitionsOfAHostileTableCountEachByteOnce() {
        DiskLayout.Partition a = new DiskLayout.Partition("/dev/sda1", 1, new DiskRange(0, 100));
        DiskLayout.Partition b = new DiskLayout.Partition("/dev/sda2", 2, new DiskRange(50, 100));

        assertThat(DiskLayout.disjoint(List.of(a, b))).extracting(DiskLayout.Partition::range)
                .containsExactly(new DiskRange(0, 100), new DiskRange(100, 50));
    }
}
