package org.example.virtsimilarity.bench;

import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.example.virtsimilarity.distance.Distances;
import org.example.virtsimilarity.signature.Signature;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** The pair kernel (block by block) against the family method on 100 images of 16,384 blocks. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgs = "-Xmx2g")
public class DistanceBenchmark {
    private List<Signature> signatures;

    @Setup
    public void setUp() {
        signatures = SyntheticFamilies.signatures(new Random(1), 10, 10, 16_384, 0.02);
    }

    @Benchmark
    public int onePairBlockByBlock() {
        return Distances.differingBlocks(signatures.get(0), signatures.get(1));
    }

    @Benchmark
    public Object wholeMatrixByFamilies() {
        return Distances.matrix(signatures, 2);
    }
}
