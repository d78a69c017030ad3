package org.example.virtsimilarity.guestfs;

/** A libguestfs call failed; the message is libguestfs' own, without the file name (the caller adds it). */
public final class GuestfsException extends RuntimeException {
    public GuestfsException(String message) {
        super(message);
    }
}
