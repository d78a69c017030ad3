package org.example.virtsimilarity.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.example.virtsimilarity.TestImages;
import org.example.virtsimilarity.image.DiskImage;
import org.example.virtsimilarity.image.ImageProbe;
import org.example.virtsimilarity.raw.RawImageReader;
import org.example.virtsimilarity.signature.DigestScheme;
import org.example.virtsimilarity.signature.HashAlgorithm;
import org.example.virtsimilarity.signature.ImageIdentity;
import org.example.virtsimilarity.signature.Signature;
import org.example.virtsimilarity.signature.SignatureFile;
import org.example.virtsimilarity.signature.Signer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SignatureCacheTest {
    @TempDir
    Path dir;
    final List<String> warnings = new ArrayList<>();
    SignatureCache cache;
    Path imagePath;
    DiskImage image;

    @BeforeEach
    void store() throws Exception {
        cache = new SignatureCache(dir.resolve("cache"), warnings::add);
        imagePath = TestImages.raw(dir.resolve("a.img"), 4, 1);
        image = ImageProbe.probe(imagePath);
        cache.store(image, sign(image));
    }

    @Test
    void findsTheSignatureOfAnUnchangedImage() {
        assertThat(cache.lookup(image, HashAlgorithm.XXH128, 65536, false)).isPresent();
        assertThat(cache.lookup(image, HashAlgorithm.SHA256, 65536, false)).isEmpty();
        assertThat(cache.lookup(image, HashAlgorithm.XXH128, 4096, false)).isEmpty();
        assertThat(warnings).isEmpty();
    }

    @Test
    void missesWhenTheImageChangedEvenAtTheSameSize() throws Exception {
        TestImages.changedCopy(imagePath, imagePath, 5, 1);
        Files.setLastModifiedTime(imagePath, FileTime.fromMillis(Files.getLastModifiedTime(imagePath).toMillis() + 5000));

        assertThat(cache.lookup(ImageProbe.probe(imagePath), HashAlgorithm.XXH128, 65536, false)).isEmpty();
    }

    @Test
    void missesWhenAnotherFileReplacedTheImage() throws Exception {
        FileTime mtime = Files.getLastModifiedTime(imagePath);
        Path replacement = TestImages.raw(dir.resolve("new.img"), 4, 1);
        Files.setLastModifiedTime(replacement, mtime);
        Files.move(replacement, imagePath, java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        assertThat(cache.lookup(ImageProbe.probe(imagePath), HashAlgorithm.XXH128, 65536, false)).isEmpty();
    }

    @Test
    void reportsADamagedEntryAndMisses() throws Exception {
        Path entry = cache.entry(image, HashAlgorithm.XXH128, 65536, false);
        byte[] bytes = Files.readAllBytes(entry);
        bytes[bytes.length - 10] ^= 0x40;
        Files.write(entry, bytes);

        assertThat(cache.lookup(image, HashAlgorithm.XXH128, 65536, false)).isEmpty();
        assertThat(warnings).singleElement().asString()
                .contains(entry.toString(), "checksum mismatch", "reading " + imagePath + " again");

        cache.store(image, sign(image));
        assertThat(cache.lookup(image, HashAlgorithm.XXH128, 65536, false)).isPresent();
    }

    @Test
    void reportsAForeignEntryAndMisses() throws Exception {
        Path entry = cache.entry(image, HashAlgorithm.XXH128, 65536, false);
        Signature foreign = sign(image).withIdentity(new ImageIdentity("x", "/elsewhere/x.img", "raw", 1, 1, ""));
        SignatureFile.write(foreign, entry);

        assertThat(cache.lookup(image, HashAlgorithm.XXH128, 65536, false)).isEmpty();
        assertThat(warnings).singleElement().asString().contains("belongs to another image");
    }

    @Test
    void keepsContentEntriesApartAndTellsAnEntryOfOtherSettings() throws Exception {
        Signature content;
        try (RawImageReader reader = new RawImageReader(image.path())) {
            content = new Signer(HashAlgorithm.XXH128, 65536, 1, true).sign(reader, ImageIdentity.of(image), d -> { });
        }
        cache.store(image, content);

        assertThat(cache.entry(image, HashAlgorithm.XXH128, 65536, true))
                .isNotEqualTo(cache.entry(image, HashAlgorithm.XXH128, 65536, false));
        assertThat(cache.lookup(image, HashAlgorithm.XXH128, 65536, true)).hasValueSatisfying(
                signature -> assertThat(signature.scheme()).isEqualTo(DigestScheme.SECTOR_DIGESTS));
        assertThat(cache.lookup(image, HashAlgorithm.XXH128, 65536, false)).isPresent()
                .hasValueSatisfying(signature -> assertThat(signature.scheme()).isEqualTo(DigestScheme.BLOCK_BYTES));
        // an entry of the other scheme where this one belongs (damage, or a hand-made file) is a miss that says so
        SignatureFile.write(content, cache.entry(image, HashAlgorithm.XXH128, 65536, false));
        assertThat(cache.lookup(image, HashAlgorithm.XXH128, 65536, false)).isEmpty();
        assertThat(warnings).singleElement().asString().contains("holds other settings (65536-byte blocks, xxh128,"
                + " digests of sector digests)");
    }

    @Test
    void removesTemporaryFilesThatKilledWritersLeftButNotFreshOnes() throws Exception {
        Path folder = dir.resolve("cache");
        Path stale = Files.writeString(folder.resolve(".0123.vsig.5f3a.tmp"), "half an entry");
        Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(SignatureCache.STALE).minusSeconds(60)));
        Path fresh = Files.writeString(folder.resolve(".4567.vsig.9c1d.tmp"), "another process is writing it");

        new SignatureCache(folder, warnings::add).store(image, sign(image));

        assertThat(stale).doesNotExist();
        assertThat(fresh).exists();
        assertThat(warnings).isEmpty();
    }

    @Test
    void defaultsToTheXdgCacheFolder() {
        assertThat(SignatureCache.defaultDirectory().getFileName()).hasToString("virt-similarity");
    }

    private static Signature sign(DiskImage image) throws Exception {
        try (RawImageReader reader = new RawImageReader(image.path())) {
            return new Signer(HashAlgorithm.XXH128, 65536, 1, false).sign(reader, ImageIdentity.of(image), d -> { });
        }
    }
}
