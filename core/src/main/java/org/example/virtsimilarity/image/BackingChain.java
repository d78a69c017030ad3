package org.example.virtsimilarity.image;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Every file an image is made of, each approved before a byte of it was read: the image itself, then its backing
 * files in order, each with the other files its format opens by name (a vmdk's extents, a qcow2's external data
 * file). Readers open exactly these files; qemu is handed the chain spelled out ({@link #qemuSpec()}), so that it
 * opens nothing an image's header names on its own.
 *
 * @param layers the image first, its backing file next, and so on; never empty
 */
public record BackingChain(List<Layer> layers) {
    /** qemu formats that take a "backing" option; the others must not be given one. */
    private static final Set<ImageFormat> TAKE_BACKING = Set.of(ImageFormat.QCOW2, ImageFormat.QCOW,
            ImageFormat.QED, ImageFormat.VMDK);

    /**
     * One file of the chain.
     *
     * @param path     its real path
     * @param format   the format it is read as
     * @param dataFile for qcow2, the external data file that holds its clusters, or null
     * @param extents  for a vmdk, the extent files qemu opens by the names the descriptor gives (checked, not pinned)
     */
    public record Layer(Path path, ImageFormat format, Path dataFile, List<Path> extents) {
        public Layer {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(format, "format");
            extents = List.copyOf(extents);
        }

        public Layer(Path path, ImageFormat format) {
            this(path, format, null, List.of());
        }
    }

    public BackingChain {
        layers = List.copyOf(layers);
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("a backing chain has at least the image itself");
        }
    }

    public static BackingChain of(Path path, ImageFormat format) {
        return new BackingChain(List.of(new Layer(path, format)));
    }

    public Layer top() {
        return layers.get(0);
    }

    /** The chain below the top layer (the backing file's own chain); empty without a backing file. */
    public List<Layer> backing() {
        return layers.subList(1, layers.size());
    }

    /** The backing file's chain. */
    public BackingChain below() {
        return new BackingChain(backing());
    }

    /** Every file read besides the image itself: backing files, data files and extents, each once. */
    public List<Path> otherFiles() {
        Set<Path> files = new LinkedHashSet<>();
        for (Layer layer : layers) {
            files.add(layer.path());
            if (layer.dataFile() != null) {
                files.add(layer.dataFile());
            }
            files.addAll(layer.extents());
        }
        files.remove(top().path());
        return List.copyOf(files);
    }

    public boolean hasOtherFiles() {
        return !otherFiles().isEmpty();
    }

    /** The real paths of the backing files, nearest first. */
    public List<Path> backingFiles() {
        return backing().stream().map(Layer::path).toList();
    }

    /**
     * The chain as a qemu {@code json:} file name, every layer's driver and file given, and {@code "backing": null}
     * at the bottom: qemu then opens these files and no other (a vmdk's extents aside, which were approved).
     */
    public String qemuSpec() {
        return "json:" + QemuSpec.node(layers, 0);
    }

    /**
     * Apart, and made on first use: a run whose images all come from the cache never loads Jackson (nor does the
     * verifier, for the chain's own methods).
     */
    private static final class QemuSpec {
        private static final ObjectMapper MAPPER = new ObjectMapper();

        static ObjectNode node(List<Layer> layers, int index) {
            Layer layer = layers.get(index);
            ObjectNode node = MAPPER.createObjectNode().put("driver", layer.format().qemuName());
            node.putObject("file").put("driver", "file").put("filename", layer.path().toString());
            if (layer.dataFile() != null) {
                node.putObject("data-file").put("driver", "file").put("filename", layer.dataFile().toString());
            }
            if (index + 1 < layers.size()) {
                node.set("backing", node(layers, index + 1));
            } else if (TAKE_BACKING.contains(layer.format())) {
                node.putNull("backing");
            }
            return node;
        }
    }
}
