package org.example.virtsimilarity.image;

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

    @Override
    public String toString() {
        return qemuName;
    }
}
