package org.example.virtsimilarity.storage;

import java.util.Arrays;

/** A plan given as parents (-1 for the roots) as a forest: depths, subtree heights and subtree ranges. */
final class Forest {
    private final int[] depth;
    private final int[] height;
    /** Preorder position and the end of each subtree's range in it. */
    private final int[] enter;
    private final int[] exit;

    Forest(int[] parents) {
        int n = parents.length;
        int[] childCount = new int[n + 1];
        for (int p : parents) {
            childCount[p + 1]++;
        }
        // children of each node (node -1, the roots, first) in one array, by counting sort
        int[] start = new int[n + 2];
        for (int v = 0; v <= n; v++) {
            start[v + 1] = start[v] + childCount[v];
        }
        int[] children = new int[n];
        int[] fill = Arrays.copyOf(start, n + 1);
        for (int v = 0; v < n; v++) {
            children[fill[parents[v] + 1]++] = v;
        }
        depth = new int[n];
        height = new int[n];
        enter = new int[n];
        exit = new int[n];
        int[] order = new int[n];
        // breadth first from the roots: every parent comes before its children
        int size = 0;
        for (int k = start[0]; k < start[1]; k++) {
            order[size++] = children[k];
        }
        for (int head = 0; head < size; head++) {
            int v = order[head];
            for (int k = start[v + 1]; k < start[v + 2]; k++) {
                depth[children[k]] = depth[v] + 1;
                order[size++] = children[k];
            }
        }
        if (size != n) {
            throw new IllegalArgumentException("the plan has a cycle");
        }
        for (int k = n - 1; k >= 0; k--) {
            int v = order[k];
            if (parents[v] >= 0) {
                height[parents[v]] = Math.max(height[parents[v]], height[v] + 1);
            }
        }
        preorder(children, start);
    }

    /** Subtree ranges by an iterative depth-first walk (chains may be thousands deep). */
    private void preorder(int[] children, int[] start) {
        int n = depth.length;
        int[] stack = new int[n];
        int[] next = new int[n];
        int top = 0;
        int clock = 0;
        for (int k = start[0]; k < start[1]; k++) {
            int root = children[k];
            stack[top++] = root;
            enter[root] = clock++;
            next[root] = start[root + 1];
            while (top > 0) {
                int v = stack[top - 1];
                if (next[v] < start[v + 2]) {
                    int child = children[next[v]++];
                    enter[child] = clock++;
                    next[child] = start[child + 1];
                    stack[top++] = child;
                } else {
                    exit[v] = clock;
                    top--;
                }
            }
        }
    }

    int deepest() {
        return Arrays.stream(depth).max().orElse(0);
    }

    /** An image at the greatest depth. */
    int deepestImage() {
        int deepest = 0;
        for (int v = 1; v < depth.length; v++) {
            deepest = depth[v] > depth[deepest] ? v : deepest;
        }
        return deepest;
    }

    int depth(int v) {
        return depth[v];
    }

    int height(int v) {
        return height[v];
    }

    /** Whether {@code v} lies in the subtree of {@code root} (itself included). */
    boolean isWithin(int v, int root) {
        return enter[v] >= enter[root] && enter[v] < exit[root];
    }
}
