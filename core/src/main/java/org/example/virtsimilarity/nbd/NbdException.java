package org.example.virtsimilarity.nbd;

import java.io.IOException;

/** The NBD server broke the protocol or answered with an error. */
public final class NbdException extends IOException {
    public NbdException(String message) {
        super(message);
    }
}
