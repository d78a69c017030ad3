package org.example.virtsimilarity.qcow2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import org.example.virtsimilarity.Qemu;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Both decoders of each compression type, the native one and the Java fallback, give qemu's own bytes for the clusters
 * qemu wrote; the native ones load on this machine.
 */
class ClusterCodecTest {
    private static final int CLUSTER = 65536;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"zlib", "zstd"})
    void theNativeAndTheFallbackDecoderGiveQemusBytesForEveryCluster(String compression) throws Exception {
        assumeTrue(Qemu.isInstalled(), "qemu-utils is installed");
        assertThat(compression.equals("zlib") ? DeflateCluster.NATIVE : ZstdCluster.NATIVE)
                .as("the native %s decoder loads here", compression).isTrue();
        byte[] expected = text(2 << 20);
        Path raw = Files.write(dir.resolve("text.img"), expected);
        Path qcow2 = dir.resolve(compression + ".qcow2");
        Qemu.img("convert", "-c", "-f", "raw", "-O", "qcow2", "-o", "compression_type=" + compression, raw.toString(),
                qcow2.toString());

        int checked = 0;
        try (FileChannel channel = FileChannel.open(qcow2, StandardOpenOption.READ)) {
            Qcow2Header header = Qcow2Header.read(channel, channel.size());
            assertThat(header.compressionType()).isEqualTo(compression.equals("zlib") ? 0 : 1);
            long[] l1 = new long[header.l1Size()];
            Qcow2Reader.readAt(channel, header.l1Offset(), l1.length * 8).asLongBuffer().get(l1);
            ByteBuffer l2 = Qcow2Reader.readAt(channel, l1[0] & 0x00ff_ffff_ffff_fe00L, header.clusterSize());
            int bits = 62 - (header.clusterBits() - 8);
            for (int cluster = 0; cluster < expected.length / header.clusterSize(); cluster++) {
                long entry = l2.getLong(cluster * 8);
                assertThat(entry & (1L << 62)).as("cluster %d is stored compressed", cluster).isNotZero();
                long host = entry & ((1L << bits) - 1);
                long sectors = ((entry & ~(3L << 62)) >>> bits) + 1;
                byte[] stored = Qcow2Reader.readAt(channel, host,
                        (int) Math.min(sectors * 512 - (host & 511), channel.size() - host)).array();
                byte[] want = Arrays.copyOfRange(expected, cluster * header.clusterSize(),
                        (cluster + 1) * header.clusterSize());
                for (boolean nativeDecoder : new boolean[] {true, false}) {
                    byte[] out = new byte[header.clusterSize()];
                    assertThat(decode(compression, nativeDecoder, stored, out)).isEqualTo(out.length);
                    assertThat(out).as("cluster %d, native %s", cluster, nativeDecoder).isEqualTo(want);
                }
                checked++;
            }
        }
        assertThat(checked).isEqualTo(32);
    }

    @Test
    void aDamagedZstdFrameIsTheDecodersOneLineVerdict() {
        byte[] frame = {(byte) 0x28, (byte) 0xb5, (byte) 0x2f, (byte) 0xfd, 0x20, 0x10, 0x05, 0x00, 0x00, 0x41, 0x42};
        for (boolean nativeDecoder : new boolean[] {true, false}) {
            assertThatThrownBy(() -> decode("zstd", nativeDecoder, frame, new byte[CLUSTER]))
                    .isInstanceOf(DataFormatException.class);
        }
        byte[] notZstd = new byte[512];
        assertThatThrownBy(() -> decode("zstd", true, notZstd, new byte[CLUSTER]))
                .isInstanceOf(DataFormatException.class).hasMessage("not a zstd frame");
    }

    @Test
    void aDamagedDeflateStreamIsTheDecodersVerdictAndACutOrEmptyOneFallsShort() throws Exception {
        // block type 3 is reserved in deflate
        byte[] reserved = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff};
        assertThatThrownBy(() -> decode("zlib", true, reserved, new byte[CLUSTER]))
                .isInstanceOf(DataFormatException.class).hasMessage("deflate: Invalid deflate block found.");
        assertThatThrownBy(() -> decode("zlib", false, reserved, new byte[CLUSTER]))
                .isInstanceOf(DataFormatException.class).hasMessage("invalid block type");
        Deflater deflater = new Deflater(6, true);
        deflater.setInput(text(CLUSTER));
        deflater.finish();
        byte[] stream = new byte[CLUSTER];
        int length = deflater.deflate(stream);
        deflater.end();
        byte[] cut = Arrays.copyOf(stream, length / 2);
        for (boolean nativeDecoder : new boolean[] {true, false}) {
            assertThat(decode("zlib", nativeDecoder, cut, new byte[CLUSTER])).as("native %s", nativeDecoder)
                    .isLessThan(CLUSTER);
            assertThat(decode("zlib", nativeDecoder, stream, 0, new byte[CLUSTER])).isZero();
            assertThat(decode("zlib", nativeDecoder, Arrays.copyOf(stream, length), new byte[CLUSTER]))
                    .as("native %s", nativeDecoder).isEqualTo(CLUSTER);
        }
    }

    private static byte[] text(int length) {
        StringBuilder text = new StringBuilder();
        for (int line = 0; text.length() < length; line++) {
            text.append("line ").append(line).append(" of a compressible disk\n");
        }
        return text.substring(0, length).getBytes(StandardCharsets.US_ASCII);
    }

    private static int decode(String compression, boolean nativeDecoder, byte[] stored, byte[] out)
            throws DataFormatException {
        return decode(compression, nativeDecoder, stored, stored.length, out);
    }

    private static int decode(String compression, boolean nativeDecoder, byte[] stored, int length, byte[] out)
            throws DataFormatException {
        try (ClusterCodec codec = compression.equals("zlib") ? new DeflateCluster(nativeDecoder)
                : new ZstdCluster(nativeDecoder)) {
            return codec.decompress(stored, length, out);
        }
    }
}
