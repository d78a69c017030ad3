package org.example.virtsimilarity.concurrent;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;

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

    /** Work that may fail; it should stop taking tasks once {@code failed} says another thread has failed. */
    @FunctionalInterface
    public interface Task {
        void run(BooleanSupplier failed) throws IOException;
    }

    /**
     * Runs {@code task} on {@code threads} threads as {@link #run} does, keeps the first failure and rethrows it
     * once every thread has finished, as the exception it was.
     */
    public static void runAll(int threads, String name, Task task) throws IOException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        run(threads, name, () -> {
            try {
                task.run(() -> failure.get() != null);
            } catch (IOException | RuntimeException | Error e) {
                failure.compareAndSet(null, e);
            }
        });
        Throwable error = failure.get();
        if (error instanceof IOException e) {
            throw e;
        } else if (error instanceof RuntimeException e) {
            throw e;
        } else if (error instanceof Error e) {
            throw e;
        }
    }

    /**
     * Runs {@code task} for 0 to {@code count - 1} on up to {@code threads} threads, {@code grain} indexes at a time,
     * and rethrows the first failure once all have stopped.
     */
    public static void forEach(int count, int threads, int grain, String name, IntConsumer task) {
        if (threads <= 1 || count <= 1) {
            for (int k = 0; k < count; k++) {
                task.accept(k);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        try {
            runAll(Math.min(threads, (count + grain - 1) / grain), name, failed -> {
                for (int from = next.getAndAdd(grain); from < count && !failed.getAsBoolean();
                        from = next.getAndAdd(grain)) {
                    for (int k = from; k < Math.min(count, from + grain); k++) {
                        task.accept(k);
                    }
                }
            });
        } catch (IOException e) {
            throw new IllegalStateException("an IntConsumer throws no IOException", e);
        }
    }
}
