package org.example.virtsimilarity.qcow2;

import java.util.Optional;

/**
 * The other files a qcow2 header names, as the image's author wrote them (untrusted).
 *
 * @param backingFile   the backing file's name
 * @param backingFormat the backing file's format, where the header gives it
 * @param dataFile      the external data file's name
 */
public record Qcow2References(Optional<String> backingFile, Optional<String> backingFormat,
                              Optional<String> dataFile) {
}
