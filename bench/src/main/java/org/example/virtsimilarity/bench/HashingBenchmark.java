package org.example.virtsimilarity.bench;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.example.virtsimilarity.signature.BlockHasher;
import org.example.virtsimilarity.signature.HashAlgorithm;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** One 64 KiB block hashed by each algorithm, one core: MB/s = 65536 / (ns per op) * 1e3 / 1.048576. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HashingBenchmark {
    @Param({"xxh128", "sha256", "md5"})
    String algorithm;
    @Param({"heap", "direct"})
    String buffer;
    private final byte[] bytes = new byte[65536];
    private ByteBuffer block;
    private final long[] out = new long[4];
    private BlockHasher hasher;

    @Setup
    public void setUp() {
        new Random(1).nextBytes(bytes);
        block = buffer.equals("heap") ? ByteBuffer.wrap(bytes) : ByteBuffer.allocateDirect(bytes.length).order(ByteOrder.nativeOrder()).put(bytes);
        hasher = HashAlgorithm.fromId(algorithm).newHasher();
    }

    @Benchmark
    public long hashBlock() {
        hasher.hash(block, 0, bytes.length, out, 0);
        return out[0];
    }
}
