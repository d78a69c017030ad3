package org.example.virtsimilarity.qcow2;

/** The image uses a qcow2 feature this reader does not implement; another reader (qemu's) may open it. */
public final class UnsupportedQcow2Exception extends Qcow2Exception {
    public UnsupportedQcow2Exception(String feature) {
        super(feature);
    }
}
