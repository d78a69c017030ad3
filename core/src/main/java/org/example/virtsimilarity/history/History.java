package org.example.virtsimilarity.history;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.example.virtsimilarity.verdict.GateResult;

/** The runs of a gate, oldest first. Immutable; keeps at most {@value #MAX_RUNS} runs, dropping the oldest. */
public final class History {
    public static final int MAX_RUNS = 1000;
    private static final History EMPTY = new History(List.of());

    private final List<HistoryRun> runs;

    private History(List<HistoryRun> runs) {
        this.runs = List.copyOf(runs.subList(Math.max(0, runs.size() - MAX_RUNS), runs.size()));
    }

    public static History empty() {
        return EMPTY;
    }

    public static History of(List<HistoryRun> runs) {
        for (int i = 1; i < runs.size(); i++) {
            if (runs.get(i).number() <= runs.get(i - 1).number()) {
                throw new IllegalArgumentException("run " + runs.get(i).number() + " follows run "
                        + runs.get(i - 1).number());
            }
        }
        return new History(runs);
    }

    public List<HistoryRun> runs() {
        return runs;
    }

    /** This history with one more run, numbered after the last. */
    public History append(GateResult gate, Instant time, String label) {
        List<HistoryRun> more = new ArrayList<>(runs);
        int number = runs.isEmpty() ? 1 : runs.get(runs.size() - 1).number() + 1;
        more.add(HistoryRun.of(number, time, label, gate));
        return new History(more);
    }

    /** The last {@code count} runs. */
    public History recent(int count) {
        return new History(runs.subList(Math.max(0, runs.size() - count), runs.size()));
    }

    /** Every trend line ({@link HistoryRun.Entry#series()}) of some run, in order of first appearance. */
    public List<String> series() {
        Set<String> names = new LinkedHashSet<>();
        runs.forEach(run -> run.images().forEach(entry -> names.add(entry.series())));
        return List.copyOf(names);
    }
}
