package org.example.virtsimilarity.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** A real Hudson 1.395 server from its war, on loopback, with the plugin installed; the test runs it and stops it. */
final class HudsonWar implements AutoCloseable {
    private static final List<String> OPENS = List.of("java.base/java.lang", "java.base/java.lang.reflect",
            "java.base/java.lang.ref", "java.base/java.util", "java.base/java.util.concurrent",
            "java.base/java.util.concurrent.atomic", "java.base/java.util.regex", "java.base/java.text",
            "java.base/java.io", "java.base/java.net", "java.base/java.nio", "java.base/java.nio.charset",
            "java.base/java.security", "java.base/java.math", "java.base/java.time", "java.base/sun.nio.ch",
            "java.desktop/java.awt", "java.desktop/java.awt.font");

    private final Process process;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10)).build();
    final URI base;
    final Path log;

    private HudsonWar(Process process, URI base, Path log) {
        this.process = process;
        this.base = base;
        this.log = log;
    }

    /** Starts the war with the .hpi in a fresh home under {@code work}, and waits until it serves requests. */
    static HudsonWar start(Path war, Path hpi, Path work) throws IOException, InterruptedException {
        Path home = work.resolve("hudson-home");
        if (Files.exists(home)) {
            try (var walk = Files.walk(home)) {
                for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        Files.createDirectories(home.resolve("plugins"));
        Files.copy(hpi, home.resolve("plugins/virt-similarity-jenkins-plugin.hpi"));
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-javaagent:" + vendorAgent(work), "-Djava.awt.headless=true", "-Xmx1g",
                // Hudson's DNS multicast never finishes starting where the host name does not resolve
                // (a network namespace, a fresh root without /etc/hosts): the server stays at 503 for good
                "-Dhudson.DNSMultiCast.disabled=true",
                "-DHUDSON_HOME=" + home));
        OPENS.forEach(open -> command.addAll(List.of("--add-opens", open + "=ALL-UNNAMED")));
        command.addAll(List.of("-jar", war.toString(), "--httpPort=" + port, "--httpListenAddress=127.0.0.1",
                "--ajp13Port=-1"));
        Path log = work.resolve("hudson.log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        // the server's signature cache, not the user's
        builder.environment().put("XDG_CACHE_HOME", work.resolve("hudson-cache").toString());
        Process process = builder.start();
        HudsonWar hudson = new HudsonWar(process, URI.create("http://127.0.0.1:" + port + "/"), log);
        hudson.awaitReady();
        return hudson;
    }

    private void awaitReady() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Hudson exited; see " + log);
            }
            try {
                if (get("api/json").statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException("Hudson did not come up within 4 minutes; see " + log);
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofMinutes(1)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<byte[]> getBytes(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofMinutes(1)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<String> post(String path, String contentType, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofMinutes(1)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Starts build {@code number} of the job and waits until it is done; returns its result. */
    String build(String job, int number) throws IOException, InterruptedException {
        post("job/" + job + "/build", "application/x-www-form-urlencoded", "");
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> build = get("job/" + job + "/" + number + "/api/json");
            if (build.statusCode() == 200 && build.body().contains("\"building\":false")) {
                return build.body().replaceAll("(?s).*\"result\":\"([A-Z]+)\".*", "$1");
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(job + " #" + number + " did not finish within 5 minutes");
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    /** The agent jar, made from the compiled {@link VendorAgent}. */
    private static Path vendorAgent(Path work) throws IOException {
        Path jar = work.resolve("vendor-agent.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(new Attributes.Name("Premain-Class"), VendorAgent.class.getName());
        String entry = VendorAgent.class.getName().replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest);
             InputStream in = VendorAgent.class.getClassLoader().getResourceAsStream(entry)) {
            out.putNextEntry(new JarEntry(entry));
            in.transferTo(out);
            out.closeEntry();
        }
        return jar;
    }
}
