package org.example.virtsimilarity.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import org.example.virtsimilarity.analysis.ProgressListener;
import org.example.virtsimilarity.explain.Printable;
import org.example.virtsimilarity.image.DiskImage;

/** Progress as upstream shows it, on stderr: a line an image read, a percentage on terminals, more with --debug. */
final class StderrProgress implements ProgressListener {
    private final PrintStream err;
    private final boolean debug;
    private final boolean terminal;
    private long lastPercent = -1;

    StderrProgress(PrintStream err, boolean debug, boolean terminal) {
        this.err = err;
        this.debug = debug;
        this.terminal = terminal;
    }

    @Override
    public void cached(DiskImage image) {
        if (debug) {
            err.println(image.path() + ": disk image is already in the cache");
        }
    }

    @Override
    public void reading(DiskImage image, String method) {
        lastPercent = -1;
        err.println(image.path() + ": reading disk image ..." + (debug ? " (" + image.format() + ", " + method + ")"
                : ""));
    }

    @Override
    public void progress(DiskImage image, long bytesDone, long bytesTotal) {
        if (!terminal || bytesTotal == 0) {
            return;
        }
        long percent = 100 * bytesDone / bytesTotal;
        if (percent != lastPercent) {
            lastPercent = percent;
            err.print(percent + "%\r");
            err.flush();
        }
    }

    @Override
    public void read(DiskImage image, long bytes, long nanos) {
        if (debug) {
            double seconds = nanos / 1e9;
            err.println(String.format(Locale.ROOT, "%s: %d bytes in %.2f s (%.0f MiB/s)", image.path(), bytes, seconds,
                    bytes / 1048576.0 / Math.max(seconds, 1e-9)));
        }
    }

    @Override
    public void writing(Path file, String how) {
        err.println(file + ": writing (" + how + ") ...");
    }

    @Override
    public void explaining(String image, String baseline) {
        err.println(Printable.of(image) + ": explaining against " + Printable.of(baseline) + " ...");
    }

    @Override
    public void warning(String message) {
        err.println(Main.PROGRAM + ": warning: " + message);
    }

    @Override
    public void debug(String message) {
        if (debug) {
            err.println(message);
        }
    }
}
