package org.example.virtsimilarity.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The plugin in the real Hudson 1.395 war, driven over HTTP on loopback (failsafe runs this test in a network
 * namespace with loopback only): a job made from config.xml builds three nights of one image against the last
 * successful build's archived signatures.
 */
@Timeout(value = 20, unit = java.util.concurrent.TimeUnit.MINUTES)
class JenkinsWarIT {
    private static final Path WORK = Path.of(System.getProperty("virtsimilarity.work", "target/it-work"));
    private static final String JOB = """
            <?xml version='1.0' encoding='UTF-8'?>
            <project>
              <keepDependencies>false</keepDependencies>
              <properties/>
              <scm class="hudson.scm.NullSCM"/>
              <canRoam>true</canRoam>
              <disabled>false</disabled>
              <triggers class="vector"/>
              <concurrentBuild>false</concurrentBuild>
              <customWorkspace>%s</customWorkspace>
              <builders>
                <org.example.virtsimilarity.jenkins.SimilarityBuilder>
                  <images>nightly/*.img</images>
                  <baseline>LAST_SUCCESSFUL</baseline>
                  <unstableThreshold>5</unstableThreshold>
                  <failureThreshold>20</failureThreshold>
                  <hash>xxh128</hash>
                  <blockSize>65536</blockSize>
                </org.example.virtsimilarity.jenkins.SimilarityBuilder>
              </builders>
              <publishers/>
              <buildWrappers/>
            </project>
            """;

    @Test
    void aJobGatesNightlyImagesAndDrawsTheirTrend() throws Exception {
        Path family = ImageFamily.directory();
        Path workspace = Files.createDirectories(WORK.resolve("hudson-workspace/nightly")).getParent();
        Path disk = workspace.resolve("nightly/disk.img");
        Files.deleteIfExists(disk);
        try (HudsonWar hudson = HudsonWar.start(Path.of(System.getProperty("virtsimilarity.hudsonWar")),
                Path.of(System.getProperty("virtsimilarity.hpi")), WORK)) {
            assertThat(hudson.get("pluginManager/installed").body()).contains("virt-similarity jenkins-plugin");
            assertThat(hudson.post("createItem?name=factory", "application/xml",
                    String.format(JOB, workspace.toAbsolutePath())).statusCode()).isEqualTo(200);

            // night 1: the base image, nothing to compare with
            place(disk, family.resolve("base.img"));
            assertThat(hudson.build("factory", 1)).isEqualTo("SUCCESS");
            assertThat(hudson.get("job/factory/1/consoleText").body())
                    .contains("no baseline to compare with, so the gate passes");
            assertThat(hudson.get("job/factory/1/artifact/virt-similarity/cladogram.txt").body()).contains("disk.img");
            assertThat(hudson.getBytes("job/factory/1/artifact/virt-similarity/signatures/disk.img.vsig").body())
                    .startsWith((byte) 'V', (byte) 'S', (byte) 'I', (byte) 'G');

            // night 2: rebuilt from clone-a1, which differs from base by far more than 20 %
            Files.delete(disk);
            place(disk, family.resolve("clone-a1.img"));
            assertThat(hudson.build("factory", 2)).isEqualTo("FAILURE");
            assertThat(hudson.get("job/factory/2/consoleText").body())
                    .containsPattern("FAILURE: disk\\.img diverges \\d+\\.\\d\\d % from baseline disk\\.img, above the "
                            + "failure threshold 20\\.00 %");

            // night 3: base again, as zlib-compressed qcow2 (read in the server, whose own commons-logging and
            // commons-io GKL's loader runs on); the failed night 2 is no baseline, night 1's signatures are
            Files.delete(disk);
            place(disk, family.resolve("compressed/base-zlib.qcow2"));
            assertThat(hudson.build("factory", 3)).isEqualTo("SUCCESS");
            assertThat(hudson.get("job/factory/3/").body()).contains("virt-similarity-summary").contains("0.00 %");

            assertThat(hudson.get("job/factory/").body()).contains("virt-similarity/trend")
                    .contains("href=\"3/virt-similarity/\"");
            HttpResponse<byte[]> chart = hudson.getBytes("job/factory/virt-similarity/trend");
            assertThat(chart.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                    assertThat(type).startsWith("image/png"));
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(chart.body()));
            assertThat(image.getWidth()).isEqualTo(600);
        }
    }

    /** The image as a file of the workspace's own (a link out of the workspace is refused): hard-linked, or copied. */
    private static void place(Path at, Path image) throws Exception {
        try {
            Files.createLink(at, image);
        } catch (java.io.IOException | UnsupportedOperationException e) {
            Files.copy(image, at);
        }
    }
}
