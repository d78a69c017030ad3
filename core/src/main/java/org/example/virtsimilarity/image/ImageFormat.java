package org.example.virtsimilarity.image;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Formats of what the tool takes as input. Names are qemu's format names, which libguestfs passes on to qemu.
 */
public enum ImageFormat {
    RAW("raw"),
    QCOW2("qcow2"),
    QCOW("qcow"),
    QED("qed"),
    VMDK("vmdk"),
    VDI("vdi"),
    VHDX("vhdx"),
    VPC("vpc"),
    PARALLELS("parallels"),
    /** Not an image: a signature file written by an earlier run, compared as it is. */
    SIGNATURE("vsig");

    private final String qemuName;

    ImageFormat(String qemuName) {
        this.qemuName = qemuName;
    }

    /** The format name qemu and libguestfs know it by. */
    public String qemuName() {
        return qemuName;
    }

    /** The disk image format qemu calls {@code name}, if this tool reads it. */
    public static Optional<ImageFormat> fromQemuName(String name) {
        for (ImageFormat format : values()) {
            if (format != SIGNATURE && format.qemuName.equals(name)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }

    /**
     * A format the user states for inputs: a qemu format name, or {@code auto} (empty: tell each input's format from
     * its first bytes).
     *
     * @throws IllegalArgumentException naming the choices
     */
    public static Optional<ImageFormat> parseStated(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        if (wanted.equals("auto") || wanted.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(fromQemuName(wanted).orElseThrow(() -> new IllegalArgumentException("unknown input format '"
                + name + "' (choose auto or one of " + Arrays.stream(values()).filter(f -> f != SIGNATURE)
                .map(ImageFormat::qemuName).collect(Collectors.joining(", ")) + ")")));
    }

    @Override
    public String toString() {
        return qemuName;
    }
}
