package org.example.virtsimilarity.qcow2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import org.example.virtsimilarity.Qemu;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Both zstd decoders, on the clusters qemu wrote, give qemu's own bytes; the native one loads on this machine. */
class ZstdClusterTest {
    @TempDir
    Path dir;

    @Test
    void theNativeAndThePureJavaDecoderGiveQemusBytesForEveryCluster() throws Exception {
        assumeTrue(Qemu.isInstalled(), "qemu-utils is installed");
        assertThat(ZstdCluster.NATIVE).as("zstd-jni's library loads here").isTrue();
        StringBuilder text = new StringBuilder();
        for (int line = 0; text.length() < 2 << 20; line++) {
            text.append("line ").append(line).append(" of a compressible disk\n");
        }
        Path raw = Files.writeString(dir.resolve("text.img"), text.substring(0, 2 << 20));
        Path qcow2 = dir.resolve("zstd.qcow2");
        Qemu.img("convert", "-c", "-f", "raw", "-O", "qcow2", "-o", "compression_type=zstd", raw.toString(),
                qcow2.toString());
        byte[] expected = Files.readAllBytes(raw);

        int checked = 0;
        try (FileChannel channel = FileChannel.open(qcow2, StandardOpenOption.READ)) {
            Qcow2Header header = Qcow2Header.read(channel, channel.size());
            assertThat(header.compressionType()).isEqualTo(1);
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
                    assertThat(decode(nativeDecoder, stored, out))
                            .isEqualTo(out.length);
                    assertThat(out).as("cluster %d, native %s", cluster, nativeDecoder).isEqualTo(want);
                }
                checked++;
            }
        }
        assertThat(checked).isEqualTo(32);
    }

    @Test
    void aDamagedFrameIsTheDecodersOneLineVerdict() {
        byte[] frame = {(byte) 0x28, (byte) 0xb5, (byte) 0x2f, (byte) 0xfd, 0x20, 0x10, 0x05, 0x00, 0x00, 0x41, 0x42};
        for (boolean nativeDecoder : new boolean[] {true, false}) {
            assertThatThrownBy(() -> decode(nativeDecoder, frame, new byte[65536]))
                    .isInstanceOf(DataFormatException.class);
        }
        byte[] notZstd = new byte[512];
        assertThatThrownBy(() -> decode(true, notZstd, new byte[65536]))
                .isInstanceOf(DataFormatException.class).hasMessage("not a zstd frame");
    }

    private static int decode(boolean nativeDecoder, byte[] stored, byte[] out) throws DataFormatException {
        try (ZstdCluster codec = new ZstdCluster(nativeDecoder)) {
            return codec.decompress(stored, stored.length, out);
        }
    }
}
