package org.example.virtsimilarity.maven;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.reporting.AbstractMavenReport;
import org.apache.maven.reporting.MavenReportException;
import org.example.virtsimilarity.report.ReportFormat;

/**
 * Puts the reports of an earlier {@code virt-similarity:analyze} run into the project site: a page with the verdicts,
 * the charts and the cladogram, and a copy of the run's HTML report and files beside it. It reads what the run
 * wrote and never reads an image, as jacoco's {@code report} reads an execution data file: analysing again while
 * the site is made would judge other images than the build did, and take as long.
 */
@Mojo(name = "report", defaultPhase = LifecyclePhase.SITE, threadSafe = true)
public class ReportMojo extends AbstractMavenReport {
    /** The page's name in the site; its files go to a folder of that name beside it. */
    private static final String OUTPUT_NAME = "virt-similarity";

    /**
     * The kinds of file a run writes at the top of its folder that the site shows or links: its reports and charts,
     * whichever the run wrote. Its signatures (in folders of their own), its history ({@code .jsonl}) and lock files
     * stay out of the site.
     */
    private static final Set<String> SITE_EXTENSIONS = Set.of("html", "png", "json", "txt", "csv", "nwk");

    /**
     * The output directory of the {@code analyze} run to report. It has that goal's default and user property, so
     * {@code virt-similarity.outputDirectory} set on the command line or in the POM's properties moves both (a report
     * goal's own {@code outputDirectory} is, as in every Maven report, where its page goes when it runs alone).
     * Without a {@code report.json} in it there is no page, as in a module that made no images.
     */
    @Parameter(property = "virt-similarity.outputDirectory",
            defaultValue = "${project.build.directory}/virt-similarity")
    File analyzeOutputDirectory;

    @Override
    public String getOutputName() {
        return OUTPUT_NAME;
    }

    @Override
    public String getName(Locale locale) {
        return "virt-similarity";
    }

    @Override
    public String getDescription(Locale locale) {
        return "Divergence of the disk images from their baseline: verdicts, charts and cladogram of the last"
                + " virt-similarity:analyze run.";
    }

    @Override
    public boolean canGenerateReport() {
        if (Files.isRegularFile(reportJson())) {
            return true;
        }
        getLog().info("virt-similarity: no " + reportJson() + ", so no site page (run virt-similarity:analyze before"
                + " the site, with json among its formats)");
        return false;
    }

    @Override
    protected void executeReport(Locale locale) throws MavenReportException {
        try {
            GateReport report = GateReport.read(reportJson());
            Set<String> copied = copy(analyzeOutputDirectory.toPath(), getReportOutputDirectory().toPath()
                    .resolve(OUTPUT_NAME));
            Path cladogram = analyzeOutputDirectory.toPath().resolve(ReportFormat.TEXT.fileName());
            new SitePage(getSink(), report, OUTPUT_NAME, copied, Files.isRegularFile(cladogram)
                    ? Optional.of(Files.readString(cladogram, StandardCharsets.UTF_8)) : Optional.empty()).render();
        } catch (IOException e) {
            throw new MavenReportException("virt-similarity: cannot put " + analyzeOutputDirectory
                    + " into the site: " + e.getMessage(), e);
        }
    }

    /**
     * Copies the run's files of {@link #SITE_EXTENSIONS} and removes every other file from the folder, which is the
     * page's own, so that the page never links a file of an earlier run.
     */
    private static Set<String> copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        Set<String> copied = new HashSet<>();
        for (Path file : list(from)) {
            String name = file.getFileName().toString();
            if (SITE_EXTENSIONS.contains(name.substring(name.lastIndexOf('.') + 1))) {
                Files.copy(file, to.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                copied.add(name);
            }
        }
        for (Path file : list(to)) {
            if (!copied.contains(file.getFileName().toString())) {
                Files.delete(file);
            }
        }
        return copied;
    }

    /** The regular files of a folder, links not followed. */
    private static List<Path> list(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)).toList();
        }
    }

    private Path reportJson() {
        return analyzeOutputDirectory.toPath().resolve(ReportFormat.JSON.fileName());
    }
}
