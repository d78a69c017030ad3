package org.example.virtsimilarity.jenkins;

import hudson.FilePath;
import hudson.model.TaskListener;
import java.io.IOException;
import java.util.List;
import org.example.virtsimilarity.explain.ExplainRequest;
import org.example.virtsimilarity.explain.Explainer;
import org.example.virtsimilarity.explain.Explanation;
import org.example.virtsimilarity.explain.Printable;

/**
 * The gate's explainer on the controller: explains where the workspace is ({@link ExplainImages}). An explanation
 * only informs, so a failed remote call (an agent gone, an appliance that brought its JVM down) is one console line
 * and no explanations, never the build's result; only an abort of the build ends it, as an abort does.
 */
final class AgentExplainer implements Explainer {
    private final FilePath workspace;
    private final AgentSettings settings;
    private final TaskListener listener;

    AgentExplainer(FilePath workspace, AgentSettings settings, TaskListener listener) {
        this.workspace = workspace;
        this.settings = settings;
        this.listener = listener;
    }

    @Override
    public List<Explanation> explain(List<ExplainRequest> requests) {
        try {
            return workspace.act(new ExplainImages(requests, settings, listener));
        } catch (IOException | RuntimeException e) {
            listener.getLogger().println("[virt-similarity] explanations skipped: " + Printable.of(why(e)));
            return List.of();
        } catch (InterruptedException e) {
            throw new Aborted(e);
        }
    }

    /** The error's message, and its root cause: a failed remote call's message names only the call. */
    private static String why(Exception e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return e.getMessage() + (root == e ? "" : " (" + root + ")");
    }

    /** The build was aborted while the agent explained: {@link GateStep} rethrows the interruption. */
    static final class Aborted extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Aborted(InterruptedException cause) {
            super(cause);
        }

        InterruptedException interruption() {
            return (InterruptedException) getCause();
        }
    }
}
