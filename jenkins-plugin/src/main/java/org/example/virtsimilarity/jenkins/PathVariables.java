package org.example.virtsimilarity.jenkins;

import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.AbstractBuild;
import hudson.model.TaskListener;
import java.io.IOException;
import java.util.regex.Pattern;

/**
 * The build's variables ({@code ${BUILD_NUMBER}}, {@code ${WORKSPACE}}, the job's parameters) in image patterns and
 * the reference path, so that a night's images can carry its number. A path that then names a place in the workspace
 * becomes relative to it: {@code ${WORKSPACE}/out/*.qcow2} is {@code out/*.qcow2}, and the same confinement applies
 * to the expanded text as to text typed in.
 */
final class PathVariables {
    private final EnvVars variables;
    /**
     * Matches the workspace's path where a path starts (the text's start, or after a comma or a line break); null
     * when the build has no workspace.
     */
    private final Pattern workspacePrefix;

    PathVariables(EnvVars variables, String workspace) {
        this.variables = variables;
        String root = workspace == null ? "" : workspace.replaceAll("/+$", "");
        this.workspacePrefix = root.isEmpty() ? null : Pattern.compile("(^|[,\\n])([ \\t]*)" + Pattern.quote(root)
                + "(?:/+|(?=[,\\r\\n]|$))");
    }

    static PathVariables of(AbstractBuild<?, ?> build, TaskListener listener)
            throws IOException, InterruptedException {
        EnvVars variables = build.getEnvironment(listener);
        variables.overrideAll(build.getBuildVariables());
        FilePath workspace = build.getWorkspace();
        return new PathVariables(variables, workspace == null ? null : workspace.getRemote());
    }

    /** The text with the build's variables expanded (unknown ones stay as written); null stays null. */
    String expand(String text) {
        if (text == null) {
            return null;
        }
        String expanded = variables.expand(text);
        return workspacePrefix == null ? expanded : workspacePrefix.matcher(expanded).replaceAll("$1$2");
    }
}
