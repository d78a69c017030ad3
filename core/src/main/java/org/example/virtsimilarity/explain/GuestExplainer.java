package org.example.virtsimilarity.explain;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.example.virtsimilarity.analysis.AnalysisOptions;
import org.example.virtsimilarity.analysis.ProgressListener;
import org.example.virtsimilarity.guestfs.GuestfsException;
import org.example.virtsimilarity.guestfs.GuestfsHandle;
import org.example.virtsimilarity.guestfs.GuestfsLibrary;
import org.example.virtsimilarity.guestfs.GuestfsSession;

/**
 * Explains each pair in one libguestfs appliance holding both disks read-only: partitions and file systems with
 * their share of the divergence, then the files of each file system both disks hold. The appliance is killed at the
 * time limit, so a hostile guest ends in a partial explanation, never a hang.
 */
public final class GuestExplainer implements Explainer {
    private final AnalysisOptions analysis;
    private final List<Path> trustedFolders;
    private final ExplainOptions options;
    private final ProgressListener listener;

    /**
     * @param analysis       the run's settings: the backing files allowed, the launch timeout
     * @param trustedFolders where a baseline image found through its signature's path may be
     * @param options        the explanation's budgets
     * @param listener       where progress goes
     */
    public GuestExplainer(AnalysisOptions analysis, List<Path> trustedFolders, ExplainOptions options,
                          ProgressListener listener) {
        this.analysis = analysis;
        this.trustedFolders = List.copyOf(trustedFolders);
        this.options = options;
        this.listener = listener;
    }

    @Override
    public List<Explanation> explain(List<ExplainRequest> requests) {
        List<Explanation> explanations = new ArrayList<>();
        for (ExplainRequest request : requests) {
            ExplainPairs.Resolved resolved = ExplainPairs.resolve(request, analysis, trustedFolders);
            explanations.add(resolved.pair().map(this::explain).orElseGet(() -> Explanation.skipped(
                    request.imageName(), request.baselineName(), resolved.why())));
        }
        return explanations;
    }

    /** One pair; whatever goes wrong inside the appliance makes the explanation skipped or partial. */
    Explanation explain(ExplainPair pair) {
        Optional<GuestfsLibrary> library = GuestfsLibrary.locate();
        if (library.isEmpty()) {
            return Explanation.skipped(pair.imageName(), pair.baselineName(), "explanation skipped: "
                    + GuestfsLibrary.unavailableReason());
        }
        long start = System.nanoTime();
        Budget budget = new Budget(options, start);
        listener.explaining(pair.imageName(), pair.baselineName());
        Duration launch = analysis.launchTimeout().compareTo(budget.left()) < 0 ? analysis.launchTimeout()
                : budget.left();
        GuestfsSession session;
        try {
            session = GuestfsSession.open(library.get(), List.of(pair.image(), pair.baseline()), launch);
        } catch (IOException | RuntimeException e) {
            return Explanation.skipped(pair.imageName(), pair.baselineName(), "explanation skipped: the libguestfs"
                    + " appliance could not start: " + e.getMessage());
        }
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "virt-similarity-explain-deadline");
            thread.setDaemon(true);
            return thread;
        });
        try (session) {
            GuestfsHandle handle = session.handle();
            watchdog.schedule(handle::stopAppliance, budget.left().toMillis(), TimeUnit.MILLISECONDS);
            GuestInspection inspection = new GuestInspection(handle, pair, budget, options.topFiles());
            Explanation explanation = inspection.run(session.device(0), session.device(1));
            double seconds = (System.nanoTime() - start) / 1e9;
            return withTiming(explanation, seconds, memory(handle), budget.expired());
        } catch (IOException | RuntimeException e) {
            return Explanation.skipped(pair.imageName(), pair.baselineName(), "explanation stopped: "
                    + e.getMessage());
        } finally {
            watchdog.shutdownNow();
        }
    }

    private static int memory(GuestfsHandle handle) {
        try {
            return handle.memoryMiB();
        } catch (GuestfsException e) {
            return 0;
        }
    }

    private Explanation withTiming(Explanation e, double seconds, int memory, boolean expired) {
        List<String> notes = new ArrayList<>(e.notes());
        Explanation.Status status = e.status();
        if (expired) {
            notes.add("the time limit of " + options.timeLimit().toSeconds() + " s was reached and the appliance"
                    + " stopped: what it had not read is missing");
            status = Explanation.Status.PARTIAL;
        }
        return new Explanation(e.image(), e.baseline(), status, notes, e.positionBytes(), e.contentNewBytes(),
                e.volumes(), e.files(), e.fileCount(), e.directories(), seconds, memory);
    }

    /**
     * How a file system is mounted: read-only always (the disks are read-only too, writes go to a throw-away
     * overlay); XFS refuses a read-only mount of a dirty log without norecovery, and a clone's UUID without nouuid.
     */
    static String mountOptions(String fsType) {
        return Map.of("xfs", "ro,norecovery,nouuid").getOrDefault(fsType, "ro");
    }
}
