package org.example.virtsimilarity.backing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.example.virtsimilarity.SimilarityException;
import org.example.virtsimilarity.image.BackingChain.Layer;
import org.example.virtsimilarity.image.BackingChain;
import org.example.virtsimilarity.image.DiskImage;
import org.example.virtsimilarity.image.ImageFormat;
import org.example.virtsimilarity.image.ImageProbe;
import org.example.virtsimilarity.qcow2.Qcow2Exception;
import org.example.virtsimilarity.qcow2.Qcow2Reader;
import org.example.virtsimilarity.qcow2.Qcow2References;
import org.example.virtsimilarity.qemu.QemuImgInfo;

/**
 * Finds every file an image refers to, layer by layer, from the headers alone, and approves each under the
 * {@link BackingPolicy} before the next header is read: a refused name is an error before a byte of it is opened.
 */
public final class BackingChains {
    /** Deeper chains are refused (qemu allows more, but a real one is rarely past a handful). */
    public static final int MAX_DEPTH = 16;

    private BackingChains() {
    }

    /** Reference to the next layer: its name as written, and its format where the header states one. */
    private record Reference(String name, Optional<String> format) {
    }

    public static BackingChain resolve(DiskImage image, BackingPolicy policy) {
        Path user = image.path();
        List<Layer> layers = new ArrayList<>();
        Set<Path> seen = new HashSet<>();
        Path file = image.realPath();
        ImageFormat format = image.format();
        seen.add(file);
        while (true) {
            Path namer = file;
            Optional<Reference> next;
            Layer layer;
            switch (format) {
                case QCOW2 -> {
                    Qcow2References references = qcow2(user, file);
                    Path data = references.dataFile()
                            .map(name -> policy.approve(user, namer, "external data file", name)).orElse(null);
                    layer = new Layer(file, format, data, List.of());
                    next = references.backingFile().map(name -> new Reference(name, references.backingFormat()));
                }
                case VMDK -> {
                    VmdkDescriptor descriptor = VmdkDescriptor.read(user, file);
                    List<Path> extents = new ArrayList<>();
                    for (String extent : descriptor.extents()) {
                        Path approved = policy.approve(user, file, "vmdk extent", extent);
                        if (!approved.equals(file) && nestsDescriptor(user, approved)) {
                            throw new BackingRefusedException(user, "vmdk extent " + approved + " is itself a "
                                    + "descriptor, whose extents qemu would open a level down");
                        }
                        extents.add(approved);
                    }
                    layer = new Layer(file, format, null, extents);
                    next = descriptor.parent().map(name -> new Reference(name, Optional.of("vmdk")));
                }
                case QCOW, QED -> {
                    layer = new Layer(file, format);
                    next = QemuImgInfo.backing(user, file, format)
                            .map(backing -> new Reference(backing.name(), backing.format()));
                }
                default -> {
                    // raw, and formats qemu reads without backing files (vdi, vhdx, vpc, parallels)
                    layer = new Layer(file, format);
                    next = Optional.empty();
                }
            }
            layers.add(layer);
            if (next.isEmpty()) {
                return new BackingChain(layers);
            }
            if (layers.size() > MAX_DEPTH) {
                throw new SimilarityException(user, "backing chain deeper than " + MAX_DEPTH);
            }
            Path backing = policy.approve(user, file, "backing file", next.get().name());
            if (!seen.add(backing)) {
                throw new SimilarityException(user, "backing chain loops back to " + backing);
            }
            format = backingFormat(user, backing, next.get().format());
            file = backing;
        }
    }

    private static boolean nestsDescriptor(Path user, Path extent) {
        try {
            return VmdkDescriptor.nestsDescriptor(extent);
        } catch (IOException e) {
            throw new SimilarityException(user, "cannot read vmdk extent " + extent + ": " + e.getMessage());
        }
    }

    private static Qcow2References qcow2(Path user, Path file) {
        try {
            return Qcow2Reader.references(file);
        } catch (Qcow2Exception e) {
            String where = file.equals(realOrSelf(user)) ? "" : " (backing file " + file + ")";
            throw new SimilarityException(user, "not a valid qcow2 image" + where + ": " + e.getMessage());
        } catch (IOException e) {
            throw new SimilarityException(user, "cannot read " + file + ": " + e.getMessage());
        }
    }

    /** The format the header gives for the backing file, or else the one its first bytes show. */
    private static ImageFormat backingFormat(Path user, Path backing, Optional<String> stated) {
        if (stated.isPresent()) {
            return ImageFormat.fromQemuName(stated.get()).orElseThrow(() -> new SimilarityException(user,
                    "backing file " + backing + " has format '" + BackingPolicy.printable(stated.get())
                            + "', which this tool does not read"));
        }
        ImageFormat probed = ImageProbe.formatOf(backing);
        if (probed == ImageFormat.SIGNATURE) {
            throw new SimilarityException(user, "backing file " + backing + " is a signature file, not an image");
        }
        return probed;
    }

    private static Path realOrSelf(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path;
        }
    }
}
