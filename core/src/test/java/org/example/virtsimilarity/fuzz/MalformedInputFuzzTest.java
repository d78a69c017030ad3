package org.example.virtsimilarity.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.function.Consumer;
import org.example.virtsimilarity.Qemu;
import org.example.virtsimilarity.SimilarityException;
import org.example.virtsimilarity.TestImages;
import org.example.virtsimilarity.backing.BackingChains;
import org.example.virtsimilarity.backing.BackingPolicy;
import org.example.virtsimilarity.distance.Measure;
import org.example.virtsimilarity.history.History;
import org.example.virtsimilarity.history.HistoryFile;
import org.example.virtsimilarity.image.ImageFormat;
import org.example.virtsimilarity.image.ImageProbe;
import org.example.virtsimilarity.qcow2.Qcow2Exception;
import org.example.virtsimilarity.qcow2.Qcow2Reader;
import org.example.virtsimilarity.raw.RawImageReader;
import org.example.virtsimilarity.signature.HashAlgorithm;
import org.example.virtsimilarity.signature.ImageIdentity;
import org.example.virtsimilarity.signature.SignatureFile;
import org.example.virtsimilarity.signature.Signer;
import org.example.virtsimilarity.verdict.GateResult;
import org.example.virtsimilarity.verdict.ImageVerdict;
import org.example.virtsimilarity.verdict.Thresholds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded mutation of real qcow2 images and signature files: flipped bits, overwritten words and cut-off files in
 * the metadata. Every outcome must be a result or one of the project's own errors; anything else (an index out of
 * bounds, a negative array size, an out-of-memory) is a bug in a parser.
 */
class MalformedInputFuzzTest {
    private static final ImageIdentity ID = new ImageIdentity("x", "", "", 0, 0, "");
    private static final int ROUNDS = 400;
    @TempDir
    Path dir;

    @Test
    void compressedClustersFailOnlyWithTheirOwnErrors() throws Exception {
        assumeTrue(Qemu.isInstalled(), "qemu-utils is installed");
        StringBuilder text = new StringBuilder();
        for (int line = 0; text.length() < 1 << 20; line++) {
            text.append("line ").append(line).append(" of a compressible disk\n");
        }
        Path raw = Files.writeString(dir.resolve("text.img"), text.substring(0, 1 << 20));
        List<byte[]> seeds = new ArrayList<>();
        for (String options : List.of("compression_type=zstd", "compression_type=zstd,cluster_size=4096",
                "compression_type=zlib")) {
            Path qcow2 = dir.resolve("seed" + seeds.size() + ".qcow2");
            Qemu.img("convert", "-c", "-f", "raw", "-O", "qcow2", "-o", options, raw.toString(), qcow2.toString());
            seeds.add(Files.readAllBytes(qcow2));
        }
        // the compressed clusters follow the metadata: mutate anywhere in the file
        assertThat(qcow2MutantsFailOnlyWithTheirOwnErrors(seeds, new Random(20261201), Integer.MAX_VALUE)).isEmpty();
    }

    @Test
    void qcow2ParserFailsOnlyWithItsOwnErrors() throws Exception {
        assumeTrue(Qemu.isInstalled(), "qemu-utils is installed");
        Path raw = TestImages.raw(dir.resolve("seed.img"), 40, 1, 3, 4, 30);
        List<byte[]> seeds = new ArrayList<>();
        for (String[] options : new String[][] {{}, {"-c"}, {"-o", "cluster_size=4096"}}) {
            Path qcow2 = dir.resolve("seed" + seeds.size() + ".qcow2");
            List<String> args = new ArrayList<>(List.of("convert", "-f", "raw", "-O", "qcow2"));
            args.addAll(List.of(options));
            args.addAll(List.of(raw.toString(), qcow2.toString()));
            Qemu.img(args.toArray(String[]::new));
            seeds.add(Files.readAllBytes(qcow2));
        }
        assertThat(qcow2MutantsFailOnlyWithTheirOwnErrors(seeds, new Random(20261124), 0x30000)).isEmpty();
    }

    /** Reads {@value #ROUNDS} mutants of the seeds (mutated within their first {@code span} bytes) end to end. */
    private List<String> qcow2MutantsFailOnlyWithTheirOwnErrors(List<byte[]> seeds, Random random, int span)
            throws IOException {
        Path mutant = dir.resolve("mutant.qcow2");
        List<String> unexpected = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            Files.write(mutant, Mutations.mutate(random, seeds.get(round % seeds.size()), span));
            try (Qcow2Reader reader = Qcow2Reader.open(BackingChains.resolve(ImageProbe.probe(mutant,
                    ImageFormat.QCOW2), BackingPolicy.imageFolderOnly()))) {
                if (reader.size() <= 64L << 20) {
                    new Signer(HashAlgorithm.XXH128, 65536, 2, true).sign(reader, ID, done -> { });
                }
            } catch (Qcow2Exception | SimilarityException | IOException expected) {
                // the reader's own verdict
            } catch (RuntimeException | Error e) {
                unexpected.add("round " + round + ": " + e);
            }
        }
        return unexpected;
    }

    @Test
    void signatureFilesFailOnlyWithOneLineErrors() throws Exception {
        Path raw = TestImages.raw(dir.resolve("seed.img"), 20, 2, 5);
        Path file = dir.resolve("seed.vsig");
        try (RawImageReader reader = new RawImageReader(raw)) {
            SignatureFile.write(new Signer(HashAlgorithm.SHA256, 65536, 1, true).sign(reader, ID, done -> { }), file);
        }
        assertThat(mutantsFailOnlyWithOneLineErrors(file, 7, SignatureFile::read)).isEmpty();
    }

    @Test
    void historyFilesFailOnlyWithOneLineErrors() throws Exception {
        Thresholds thresholds = Thresholds.of(5.0, 10.0);
        History history = History.empty();
        for (int run = 0; run < 3; run++) {
            history = history.append(new GateResult(List.of(
                    new ImageVerdict("web.qcow2", 1L << 30, Optional.of("web.qcow2"), OptionalDouble.of(run * 4.5),
                            thresholds.verdict(run * 4.5), Measure.POSITION, Optional.empty()),
                    ImageVerdict.withoutBaseline("db.img", 1L << 20, Measure.POSITION)), thresholds), Instant.EPOCH,
                    "");
        }
        Path file = dir.resolve("history.jsonl");
        HistoryFile.write(file, history);
        assertThat(mutantsFailOnlyWithOneLineErrors(file, 11, HistoryFile::read)).isEmpty();
    }

    /**
     * Parses {@value #ROUNDS} mutants of a well-formed file; returns every outcome other than success or a one-line
     * {@link SimilarityException} naming the file.
     */
    private List<String> mutantsFailOnlyWithOneLineErrors(Path wellFormed, long seed, Consumer<Path> parser)
            throws IOException {
        byte[] original = Files.readAllBytes(wellFormed);
        Random random = new Random(seed);
        Path mutant = dir.resolve("mutant-" + wellFormed.getFileName());
        List<String> unexpected = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            Files.write(mutant, Mutations.mutate(random, original, original.length));
            try {
                parser.accept(mutant);
            } catch (SimilarityException e) {
                if (e.getMessage().contains("\n") || !e.getMessage().startsWith(mutant.toString())) {
                    unexpected.add("round " + round + ": not one line naming the file: " + e.getMessage());
                }
            } catch (RuntimeException | Error e) {
                unexpected.add("round " + round + ": " + e);
            }
        }
        return unexpected;
    }
}
