package org.example.virtsimilarity.concurrent;

import java.util.ArrayList;
import java.util.List;

/** Runs one piece of work on several threads at once, the caller's included, and waits for all of them. */
public final class Workers {
    private Workers() {
    }

    /**
     * Runs {@code work} on {@code threads} threads (the caller is one of them) and returns when every one has
     * finished. The work shares its own queue of tasks (e.g. an atomic counter) and records its own failures.
     */
    public static void run(int threads, String name, Runnable work) {
        List<Thread> helpers = new ArrayList<>();
        for (int t = 1; t < threads; t++) {
            Thread helper = new Thread(work, name + "-" + t);
            helper.setDaemon(true);
            helper.start();
            helpers.add(helper);
        }
        work.run();
        boolean interrupted = false;
        for (Thread helper : helpers) {
            while (true) {
                try {
                    helper.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
