package org.example.virtsimilarity.storage;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps backing chains at most {@code maxChain} files deep (deep chains cost read speed). Finding the cheapest plan
 * under a depth bound is NP-hard in general, so this is a heuristic, applied only where the cheapest unbounded plan
 * (an exact lower bound) breaks the bound. It starts from that plan, and also from the plan with each tree hung from
 * its centre instead (a chain of nightly clones is as cheap read from its middle, and half as deep). While a chain is
 * too deep, the cheapest move that shortens the deepest one is made: an image on it goes to a shallower parent (or
 * stands alone), its subtree with it. Then single moves, each image to a cheaper parent that keeps its whole subtree
 * within the bound and makes no cycle, are made until none is left. The cheaper of the two results wins.
 */
final class DepthBound {
    private DepthBound() {
    }

    /** A plan within the bound: {@code parents} itself when it is within already. */
    static int[] apply(int[] parents, OverlayCosts costs, int maxChain) {
        if (maxChain < 0) {
            throw new IllegalArgumentException("negative chain depth " + maxChain);
        }
        if (new Forest(parents).deepest() <= maxChain) {
            return parents;
        }
        int[] plain = repair(parents, costs, maxChain);
        int[] centred = repair(centred(parents, costs), costs, maxChain);
        return costs.total(centred) < costs.total(plain) ? centred : plain;
    }

    /** Lifts until the bound holds, then single improving moves. */
    private static int[] repair(int[] start, OverlayCosts costs, int maxChain) {
        int[] plan = start.clone();
        for (Forest forest = new Forest(plan); forest.deepest() > maxChain; forest = new Forest(plan)) {
            lift(plan, forest, costs);
        }
        improve(plan, costs, maxChain);
        return plan;
    }

    /**
     * Makes the cheapest move that shortens the deepest chain: one image on it goes to a parent shallower than its
     * own (or stands alone), taking its subtree along; among moves of one cost, the one that lifts most.
     */
    private static void lift(int[] plan, Forest forest, OverlayCosts costs) {
        int deepest = forest.deepestImage();
        int bestImage = -1;
        int bestParent = -1;
        long bestDelta = Long.MAX_VALUE;
        int bestDepth = Integer.MAX_VALUE;
        for (int v = deepest; plan[v] >= 0; v = plan[v]) {
            long current = costs.cost(v, plan[v]);
            // standing alone always lifts
            long delta = costs.alone(v) - current;
            if (delta < bestDelta || delta == bestDelta && bestDepth > -1) {
                bestImage = v;
                bestParent = -1;
                bestDelta = delta;
                bestDepth = -1;
            }
            int[] candidates = costs.parents(v);
            long[] prices = costs.costs(v);
            for (int k = 0; k < candidates.length; k++) {
                int q = candidates[k];
                delta = prices[k] - current;
                if (delta > bestDelta) {
                    break;
                }
                boolean better = delta < bestDelta || forest.depth(q) < bestDepth;
                if (better && forest.depth(q) < forest.depth(v) - 1 && !forest.isWithin(q, v)) {
                    bestImage = v;
                    bestParent = q;
                    bestDelta = delta;
                    bestDepth = forest.depth(q);
                }
            }
        }
        plan[bestImage] = bestParent;
    }

    /** Moves images to cheaper parents, one at a time, while the bound allows and no cycle forms. */
    private static void improve(int[] plan, OverlayCosts costs, int maxChain) {
        boolean moved = true;
        while (moved) {
            moved = false;
            Forest forest = new Forest(plan);
            for (int v = 0; v < plan.length; v++) {
                long current = costs.cost(v, plan[v]);
                int[] candidates = costs.parents(v);
                long[] prices = costs.costs(v);
                for (int k = 0; k < candidates.length && prices[k] < current; k++) {
                    int q = candidates[k];
                    if (!forest.isWithin(q, v) && forest.depth(q) + 1 + forest.height(v) <= maxChain) {
                        plan[v] = q;
                        forest = new Forest(plan);
                        moved = true;
                        break;
                    }
                }
            }
        }
    }

    /**
     * The plan with every tree hung from its centre (the middle of its longest path): the path from the old root to
     * the centre is reversed, and an image on it that would store no less over its old child stands alone instead.
     */
    private static int[] centred(int[] parents, OverlayCosts costs) {
        int n = parents.length;
        List<List<Integer>> neighbours = new ArrayList<>();
        for (int v = 0; v < n; v++) {
            neighbours.add(new ArrayList<>());
        }
        for (int v = 0; v < n; v++) {
            if (parents[v] >= 0) {
                neighbours.get(v).add(parents[v]);
                neighbours.get(parents[v]).add(v);
            }
        }
        int[] centred = parents.clone();
        int[] from = new int[n];
        for (int root = 0; root < n; root++) {
            if (parents[root] >= 0) {
                continue;
            }
            int end = farthest(root, neighbours, from);
            int other = farthest(end, neighbours, from);
            int length = 0;
            for (int v = other; v != end; v = from[v]) {
                length++;
            }
            int centre = other;
            for (int step = 0; step < length / 2; step++) {
                centre = from[centre];
            }
            int child = -1;
            for (int v = centre; v >= 0; v = parents[v]) {
                centred[v] = child < 0 || !costs.isCandidate(v, child) ? -1 : child;
                child = v;
            }
        }
        return centred;
    }

    /** The node farthest from {@code start} in its tree, by a breadth-first walk that leaves its steps in from. */
    private static int farthest(int start, List<List<Integer>> neighbours, int[] from) {
        ArrayDeque<Integer> queue = new ArrayDeque<>(List.of(start));
        from[start] = -1;
        int last = start;
        while (!queue.isEmpty()) {
            last = queue.poll();
            for (int next : neighbours.get(last)) {
                if (next != from[last]) {
                    from[next] = last;
                    queue.add(next);
                }
            }
        }
        return last;
    }
}
