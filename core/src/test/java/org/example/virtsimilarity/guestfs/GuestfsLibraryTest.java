package org.example.virtsimilarity.guestfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding the host's libguestfs binding at run time, and saying why not; no appliance is launched here. */
class GuestfsLibraryTest {
    @TempDir
    Path dir;

    @Test
    void findsTheHostsBindingAndMakesAHandleWithoutLaunching() throws Exception {
        try (var jars = Files.newDirectoryStream(Path.of("/usr/share/java"), "libguestfs*.jar")) {
            assumeTrue(jars.iterator().hasNext(), "libguestfs-java is installed");
        }

        GuestfsLibrary library = GuestfsLibrary.locate().orElseThrow(() -> new AssertionError(
                GuestfsLibrary.unavailableReason()));

        assertThat(library.jar().getFileName().toString()).startsWith("libguestfs").endsWith(".jar");
        try (GuestfsHandle handle = library.newHandle()) {
            assertThat(handle).isNotNull();
        }
    }

    @Test
    void aStatedJarWithoutTheBindingIsNamedInTheReason() throws Exception {
        Path jar = dir.resolve("not-guestfs.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new ZipEntry("README"));
            out.write("no classes here".getBytes());
        }
        String before = System.getProperty(GuestfsLibrary.JAR_PROPERTY);
        System.setProperty(GuestfsLibrary.JAR_PROPERTY, jar.toString());
        try {
            assertThat(GuestfsLibrary.find()).isEmpty();
            assertThat(GuestfsLibrary.unavailableReason()).isEqualTo(jar + " has no "
                    + GuestfsLibrary.GUESTFS_CLASS);
        } finally {
            if (before == null) {
                System.clearProperty(GuestfsLibrary.JAR_PROPERTY);
            } else {
                System.setProperty(GuestfsLibrary.JAR_PROPERTY, before);
            }
        }
    }

    @Test
    void theNewestVersionedJarWinsByItsNumbersNotItsSpelling() {
        assertThat(GuestfsLibrary.compareVersions("libguestfs-1.50.1.jar", "libguestfs-1.48.6.jar")).isPositive();
        assertThat(GuestfsLibrary.compareVersions("libguestfs-1.9.jar", "libguestfs-1.10.jar")).isNegative();
        assertThat(GuestfsLibrary.compareVersions("libguestfs-1.48.jar", "libguestfs-1.48.0.jar")).isNegative();
    }
}
