package org.example.virtsimilarity.backing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.example.virtsimilarity.Qemu;
import org.example.virtsimilarity.SimilarityException;
import org.example.virtsimilarity.TestImages;
import org.example.virtsimilarity.image.BackingChain;
import org.example.virtsimilarity.image.ImageFormat;
import org.example.virtsimilarity.image.ImageProbe;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files an image names are approved before they are opened. The host's "secret" is a FIFO wherever it matters: opening
 * it would block, so a test that hangs (and times out) means the policy came too late.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BackingPolicyTest {
    @TempDir
    Path dir;
    Path images;
    Path outside;

    @BeforeEach
    void folders() throws Exception {
        assumeTrue(Qemu.isInstalled(), "qemu-utils is installed");
        images = Files.createDirectories(dir.resolve("images"));
        outside = Files.createDirectories(dir.resolve("outside"));
    }

    @Test
    void aRawDiskWhoseGuestWroteAQcow2HeaderCannotReadAHostFile() throws Exception {
        Path secret = fifo(outside.resolve("secret"));
        Path disk = guestWrittenHeader(images.resolve("guest.img"), secret.toString());

        assertThat(ImageProbe.probe(disk).format()).isEqualTo(ImageFormat.QCOW2);
        assertThatThrownBy(() -> resolve(disk, BackingPolicy.imageFolderOnly()))
                .isInstanceOf(BackingRefusedException.class)
                .hasMessage(disk + ": refused backing file '" + secret + "': an absolute path outside every allowed "
                        + "backing folder");
    }

    @Test
    void aStatedFormatIsReadAsThatFormatAndNothingElse() throws Exception {
        Path disk = guestWrittenHeader(images.resolve("guest.img"), fifo(outside.resolve("secret")).toString());

        BackingChain chain = BackingChains.resolve(ImageProbe.probe(disk, ImageFormat.RAW),
                BackingPolicy.imageFolderOnly());

        assertThat(chain.layers()).extracting(BackingChain.Layer::format).containsExactly(ImageFormat.RAW);
        assertThat(chain.hasOtherFiles()).isFalse();
    }

    @Test
    void aRelativeNameThatLeavesTheFolderIsRefusedWithoutLookingAtIt() throws Exception {
        fifo(outside.resolve("secret"));
        Path disk = guestWrittenHeader(images.resolve("guest.img"), "../outside/secret");

        assertThatThrownBy(() -> resolve(disk, BackingPolicy.imageFolderOnly()))
                .isInstanceOf(BackingRefusedException.class)
                .hasMessageEndingWith("refused backing file '../outside/secret': it leads outside the folder of the "
                        + "file that names it");
    }

    @Test
    void aSymlinkedBackingFileThatLeadsOutIsRefused() throws Exception {
        Path secret = fifo(outside.resolve("secret"));
        Files.createSymbolicLink(images.resolve("base.img"), secret);
        Path disk = guestWrittenHeader(images.resolve("guest.img"), "base.img");

        assertThatThrownBy(() -> resolve(disk, BackingPolicy.imageFolderOnly()))
                .isInstanceOf(BackingRefusedException.class)
                .hasMessageContaining("refused backing file 'base.img': a symbolic link leads it to " + secret);
    }

    @Test
    void protocolAndJsonNamesAreRefused() throws Exception {
        for (String name : List.of("nbd:unix:/tmp/socket", "json:{\"driver\":\"file\",\"filename\":\"/etc/passwd\"}",
                "http://example.invalid/disk")) {
            Path disk = guestWrittenHeader(images.resolve("guest.img"), name);
            assertThatThrownBy(() -> resolve(disk, BackingPolicy.imageFolderOnly()))
                    .isInstanceOf(BackingRefusedException.class).hasMessageContaining("is not a plain file name");
            Files.delete(disk);
        }
    }

    @Test
    void aChainInsideTheImagesFolderIsFollowed() throws Exception {
        Path base = TestImages.raw(images.resolve("base.img"), 8, 1);
        Path middle = images.resolve("middle.qcow2");
        Path top = images.resolve("top.qcow2");
        Qemu.img("create", "-q", "-f", "qcow2", "-F", "raw", "-b", "base.img", middle.toString());
        Qemu.img("create", "-q", "-f", "qcow2", "-F", "qcow2", "-b", "middle.qcow2", top.toString());

        BackingChain chain = resolve(top, BackingPolicy.imageFolderOnly());

        assertThat(chain.backingFiles()).containsExactly(middle.toRealPath(), base.toRealPath());
        assertThat(chain.layers()).extracting(BackingChain.Layer::format)
                .containsExactly(ImageFormat.QCOW2, ImageFormat.QCOW2, ImageFormat.RAW);
    }

    @Test
    void anAllowedFolderMayHoldBackingFilesNamedAbsolutely() throws Exception {
        Path templates = Files.createDirectories(dir.resolve("templates"));
        Path base = TestImages.raw(templates.resolve("base.img"), 8, 1);
        Path overlay = images.resolve("overlay.qcow2");
        Qemu.img("create", "-q", "-f", "qcow2", "-F", "raw", "-b", base.toString(), overlay.toString());

        assertThatThrownBy(() -> resolve(overlay, BackingPolicy.imageFolderOnly()))
                .isInstanceOf(BackingRefusedException.class);
        assertThat(resolve(overlay, BackingPolicy.imageFolderOnly().allowing(templates)).backingFiles())
                .containsExactly(base.toRealPath());
    }

    @Test
    void aMissingBackingFileIsNamed() throws Exception {
        Path overlay = images.resolve("overlay.qcow2");
        Qemu.img("create", "-q", "-u", "-f", "qcow2", "-F", "raw", "-b", "gone.img", overlay.toString(), "8M");

        assertThatThrownBy(() -> resolve(overlay, BackingPolicy.imageFolderOnly()))
                .isInstanceOf(SimilarityException.class)
                .hasMessage(overlay + ": backing file " + images.resolve("gone.img") + " does not exist");
    }

    @Test
    void vmdkExtentsOutsideTheFolderAreRefused() throws Exception {
        Path secret = fifo(outside.resolve("secret"));
        Path descriptor = Files.writeString(images.resolve("flat.vmdk"), """
                # Disk DescriptorFile
                version=1
                CID=fffffffe
                parentCID=ffffffff
                createType="monolithicFlat"

                RW 2048 FLAT "%s" 0
                """.formatted(secret));

        assertThatThrownBy(() -> resolve(descriptor, BackingPolicy.imageFolderOnly()))
                .isInstanceOf(BackingRefusedException.class)
                .hasMessageContaining("refused vmdk extent '" + secret + "'");
    }

    @Test
    void aVmdkExtentLineThisParserCannotReadExactlyRefusesTheImage() throws Exception {
        Path secret = fifo(outside.resolve("secret"));
        // no closing quote: qemu's sscanf still takes the name, so a parser that skipped the line would let it through
        Path descriptor = Files.writeString(images.resolve("vmfs.vmdk"), """
                # Disk DescriptorFile
                version=1
                createType="vmfs"

                RW 8 VMFS "%s
                """.formatted(secret));

        assertThatThrownBy(() -> resolve(descriptor, BackingPolicy.imageFolderOnly()))
                .isInstanceOf(BackingRefusedException.class)
                .hasMessageContaining("has extent lines this tool cannot read exactly as qemu would");
    }

    @Test
    void anExternalDataFileOutsideTheFolderIsRefused() throws Exception {
        Path data = outside.resolve("data.raw");
        Path qcow2 = images.resolve("external.qcow2");
        Qemu.img("create", "-q", "-f", "qcow2", "-o", "data_file=" + data, qcow2.toString(), "1M");

        assertThatThrownBy(() -> resolve(qcow2, BackingPolicy.imageFolderOnly()))
                .isInstanceOf(BackingRefusedException.class)
                .hasMessageContaining("refused external data file '" + data + "'");
    }

    @Test
    void vmdkExtentsInsideTheFolderAreFollowed() throws Exception {
        Path vmdk = images.resolve("split.vmdk");
        Qemu.img("create", "-q", "-f", "vmdk", "-o", "subformat=twoGbMaxExtentFlat", vmdk.toString(), "4M");

        BackingChain chain = resolve(vmdk, BackingPolicy.imageFolderOnly());

        assertThat(chain.top().extents()).isNotEmpty()
                .allSatisfy(extent -> assertThat(extent.getParent()).isEqualTo(images.toRealPath()));
        assertThat(chain.hasOtherFiles()).isTrue();
    }

    @Test
    void theQemuSpecPinsEveryLayerAndEndsTheChain() throws Exception {
        TestImages.raw(images.resolve("base.img"), 8, 1);
        Path top = images.resolve("top.qcow2");
        Qemu.img("create", "-q", "-f", "qcow2", "-F", "raw", "-b", "base.img", top.toString());

        String spec = resolve(top, BackingPolicy.imageFolderOnly()).qemuSpec();

        assertThat(spec).startsWith("json:{\"driver\":\"qcow2\"")
                .contains("\"backing\":{\"driver\":\"raw\",\"file\":{\"driver\":\"file\",\"filename\":\""
                        + images.toRealPath().resolve("base.img") + "\"}}");
        Path single = images.resolve("single.qcow2");
        Qemu.img("create", "-q", "-f", "qcow2", single.toString(), "1M");
        assertThat(resolve(single, BackingPolicy.imageFolderOnly()).qemuSpec()).endsWith(",\"backing\":null}");
    }

    private static BackingChain resolve(Path image, BackingPolicy policy) {
        return BackingChains.resolve(ImageProbe.probe(image), policy);
    }

    /** What a guest can do to its own raw disk: write a qcow2 header, naming any file, into the first sector. */
    static Path guestWrittenHeader(Path disk, String backing) throws Exception {
        Path header = disk.resolveSibling(disk.getFileName() + ".header");
        Qemu.img("create", "-q", "-u", "-f", "qcow2", "-F", "raw", "-b", backing, header.toString(), "1M");
        byte[] sector = Files.readAllBytes(header);
        byte[] image = new byte[1 << 20];
        System.arraycopy(sector, 0, image, 0, Math.min(sector.length, image.length));
        Files.delete(header);
        return Files.write(disk, image);
    }

    static Path fifo(Path path) throws Exception {
        Process mkfifo = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
        assertThat(mkfifo.waitFor()).isZero();
        return path;
    }
}
