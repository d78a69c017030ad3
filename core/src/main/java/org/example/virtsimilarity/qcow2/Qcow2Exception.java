package org.example.virtsimilarity.qcow2;

/** The qcow2 image is damaged or malformed; the message says where. */
public class Qcow2Exception extends RuntimeException {
    public Qcow2Exception(String message) {
        super(message);
    }
}
