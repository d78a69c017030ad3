package org.example.virtsimilarity.explain;

/**
 * One entry of a guest's file system, as listed (links never followed).
 *
 * @param type        what it is
 * @param permissions its mode without the type bits
 * @param uid         owner
 * @param gid         group
 * @param size        size in bytes
 * @param mtimeNanos  modification time, nanoseconds since the epoch
 * @param target      a symbolic link's target, else ""
 */
record GuestFile(FileType type, long permissions, long uid, long gid, long size, long mtimeNanos, String target) {
    static GuestFile of(long[] stat, String target) {
        long mode = stat[0];
        return new GuestFile(FileType.ofMode(mode), mode & 07777, stat[2], stat[3], stat[1],
                stat[4] * 1_000_000_000L + stat[5], target);
    }

    /** What differs in mode or owner, as "mode 0644 -> 0600, owner 0:0 -> 1000:1000", or "". */
    String metadataChange(GuestFile before) {
        StringBuilder text = new StringBuilder();
        if (permissions != before.permissions) {
            text.append(String.format("mode %04o -> %04o", before.permissions, permissions));
        }
        if (uid != before.uid || gid != before.gid) {
            text.append(text.length() > 0 ? ", " : "").append("owner ").append(before.uid).append(':')
                    .append(before.gid).append(" -> ").append(uid).append(':').append(gid);
        }
        return text.toString();
    }
}
