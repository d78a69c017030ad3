package org.example.virtsimilarity.guestfs;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Finds the host's libguestfs Java binding at run time. The jar and its JNI library are locked to the host's
 * libguestfs version, so they are never bundled: the jar is loaded in a class loader of its own, which also tells the
 * JVM where the JNI library is (Debian keeps it in a folder that some JDKs do not search).
 *
 * <p>Where they are can be set with the system properties {@value #JAR_PROPERTY} and {@value #JNI_PROPERTY} or the
 * environment variables {@code VIRT_SIMILARITY_GUESTFS_JAR} and {@code VIRT_SIMILARITY_GUESTFS_JNI}.
 */
public final class GuestfsLibrary {
    public static final String JAR_PROPERTY = "virtsimilarity.guestfs.jar";
    public static final String JNI_PROPERTY = "virtsimilarity.guestfs.jni";
    static final String GUESTFS_CLASS = "com.redhat.et.libguestfs.GuestFS";
    private static final String JNI_NAME = "guestfs_jni";
    private static final List<Path> JAR_DIRS = List.of(Path.of("/usr/share/java"), Path.of("/usr/lib/java"),
            Path.of("/usr/share/java/libguestfs"), Path.of("/usr/local/share/java"));
    private static final List<String> JNI_DIRS = List.of("/usr/lib/*/jni", "/usr/lib/jni", "/usr/lib64/libguestfs",
            "/usr/lib64", "/usr/lib", "/usr/local/lib");

    private static Optional<GuestfsLibrary> located;
    private static String unavailableReason = "";

    private final Class<?> guestfsClass;
    private final Path jar;

    private GuestfsLibrary(Class<?> guestfsClass, Path jar) {
        this.guestfsClass = guestfsClass;
        this.jar = jar;
    }

    /** The host's binding, or empty with {@link #unavailableReason()} telling why. Looked up once per JVM. */
    public static synchronized Optional<GuestfsLibrary> locate() {
        if (located == null) {
            located = find();
        }
        return located;
    }

    /** Why {@link #locate()} found nothing, as a sentence fragment. */
    public static synchronized String unavailableReason() {
        locate();
        return unavailableReason;
    }

    static Optional<GuestfsLibrary> find() {
        Optional<Path> jar = configured(JAR_PROPERTY, "VIRT_SIMILARITY_GUESTFS_JAR").or(GuestfsLibrary::findJar);
        if (jar.isEmpty()) {
            unavailableReason = "the libguestfs Java binding was not found (install the libguestfs-java package,"
                    + " or set -D" + JAR_PROPERTY + ")";
            return Optional.empty();
        }
        Optional<Path> jni = configured(JNI_PROPERTY, "VIRT_SIMILARITY_GUESTFS_JNI").or(GuestfsLibrary::findJni);
        try {
            ClassLoader loader = new BindingClassLoader(jar.get(), jni.orElse(null));
            Class<?> type = Class.forName(GUESTFS_CLASS, true, loader);
            return Optional.of(new GuestfsLibrary(type, jar.get()));
        } catch (ClassNotFoundException | MalformedURLException e) {
            unavailableReason = jar.get() + " has no " + GUESTFS_CLASS;
        } catch (LinkageError e) {
            unavailableReason = "the libguestfs JNI library could not be loaded for " + jar.get() + " ("
                    + e.getMessage() + ")";
        }
        return Optional.empty();
    }

    private static Optional<Path> configured(String property, String variable) {
        String value = System.getProperty(property, System.getenv(variable));
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(Path.of(value));
    }

    /** The unversioned libguestfs.jar if there is one, else the highest version's jar. */
    private static Optional<Path> findJar() {
        List<Path> found = new ArrayList<>();
        for (Path dir : JAR_DIRS) {
            found.addAll(list(dir, "libguestfs*.jar"));
        }
        return found.stream()
                .filter(Files::isRegularFile)
                .max(Comparator.comparing((Path p) -> p.getFileName().toString().equals("libguestfs.jar"))
                        .thenComparing(p -> p.getFileName().toString(), GuestfsLibrary::compareVersions));
    }

    private static Optional<Path> findJni() {
        List<String> dirs = new ArrayList<>(JNI_DIRS);
        dirs.addAll(List.of(System.getProperty("java.library.path", "").split(":")));
        for (String pattern : dirs) {
            for (Path dir : expand(pattern)) {
                Path library = dir.resolve(System.mapLibraryName(JNI_NAME));
                if (Files.isRegularFile(library)) {
                    return Optional.of(library);
                }
                Optional<Path> versioned = list(dir, System.mapLibraryName(JNI_NAME) + ".*").stream()
                        .filter(Files::isRegularFile).findFirst();
                if (versioned.isPresent()) {
                    return versioned;
                }
            }
        }
        return Optional.empty();
    }

    private static List<Path> expand(String pattern) {
        if (pattern.isBlank()) {
            return List.of();
        }
        int star = pattern.indexOf("/*/");
        if (star < 0) {
            return List.of(Path.of(pattern));
        }
        List<Path> dirs = new ArrayList<>();
        for (Path parent : list(Path.of(pattern.substring(0, star)), "*")) {
            dirs.add(parent.resolve(pattern.substring(star + 3)));
        }
        return dirs;
    }

    private static List<Path> list(Path dir, String glob) {
        List<Path> entries = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return entries;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, glob)) {
            stream.forEach(entries::add);
        } catch (IOException e) {
            // an unreadable folder holds nothing we can use
        }
        entries.sort(null);
        return entries;
    }

    /** Compares names such as libguestfs-1.48.6.jar and libguestfs-1.50.1.jar by their numbers. */
    static int compareVersions(String a, String b) {
        String[] x = a.replaceAll("[^0-9.]", "").split("\\.");
        String[] y = b.replaceAll("[^0-9.]", "").split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            long p = i < x.length && !x[i].isEmpty() ? Long.parseLong(x[i]) : -1;
            long q = i < y.length && !y[i].isEmpty() ? Long.parseLong(y[i]) : -1;
            if (p != q) {
                return Long.compare(p, q);
            }
        }
        return a.compareTo(b);
    }

    /** Opens a new handle (not yet launched). */
    public GuestfsHandle newHandle() {
        return GuestfsHandle.create(guestfsClass);
    }

    /** The jar in use, for debug output. */
    public Path jar() {
        return jar;
    }

    /** Loads the binding's jar and points {@code System.loadLibrary("guestfs_jni")} at the JNI library found. */
    private static final class BindingClassLoader extends URLClassLoader {
        private final Path jni;

        BindingClassLoader(Path jar, Path jni) throws MalformedURLException {
            super(new URL[] {jar.toUri().toURL()}, GuestfsLibrary.class.getClassLoader());
            this.jni = jni;
        }

        @Override
        protected String findLibrary(String name) {
            if (jni != null && name.equals(JNI_NAME)) {
                return jni.toAbsolutePath().toString();
            }
            return super.findLibrary(name);
        }
    }
}
