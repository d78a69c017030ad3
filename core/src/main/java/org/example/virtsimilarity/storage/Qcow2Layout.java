package org.example.virtsimilarity.storage;

/**
 * How much disk a qcow2 file takes as qemu-img lays it out (version 3, 16-bit refcounts, the cluster size the plan's
 * block size): its data clusters, plus a header, a refcount table and refcount blocks written as whole clusters, the
 * L2 tables that map the data (one cluster each), and the L1 table, written only as far as it has entries. Without
 * the metadata a small overlay's prediction would be off by a quarter of a megabyte.
 */
final class Qcow2Layout {
    /** The file system's allocation unit assumed for the part-written L1 table. */
    private static final int FILE_SYSTEM_BLOCK = 4096;

    private Qcow2Layout() {
    }

    /** Bytes on disk of a qcow2 file of this virtual size holding these data clusters under these L2 tables. */
    static long fileBytes(long virtualSize, int clusterSize, long dataClusters, long l2Tables) {
        long l2Span = (long) clusterSize * (clusterSize / 8);
        long l1Entries = Math.max(1, (virtualSize + l2Span - 1) / l2Span);
        long l1Bytes = (l1Entries * 8 + FILE_SYSTEM_BLOCK - 1) / FILE_SYSTEM_BLOCK * FILE_SYSTEM_BLOCK;
        long l1Clusters = (l1Entries * 8 + clusterSize - 1) / clusterSize;
        long perRefcountBlock = clusterSize / 2;
        long refcountBlocks = Math.max(1, (dataClusters + l2Tables + l1Clusters + 3 + perRefcountBlock - 1)
                / perRefcountBlock);
        long refcountTable = Math.max(1, (refcountBlocks * 8 + clusterSize - 1) / clusterSize);
        return (long) clusterSize * (1 + refcountTable + refcountBlocks + l2Tables + dataClusters) + l1Bytes;
    }

    /** Data blocks per L2 table: one 8-byte entry a cluster. */
    static int blocksPerL2Table(int clusterSize) {
        return clusterSize / 8;
    }
}
