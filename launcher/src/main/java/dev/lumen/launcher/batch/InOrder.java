package dev.lumen.launcher.batch;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Results numbered 0, 1, 2, … that arrive in any order, handed out in order: the batch's runs end as they do, and
 * their lines are written in input order. At most {@code window} numbers are handed out to be worked on and not
 * yet written ({@link #reserve}), so a slow first run holds back the reader, not the memory. Workers that put a
 * result wake the writer only when it waits for that one.
 */
public final class InOrder<T> {
    private final int window;
    private final Semaphore room;
    private final ConcurrentHashMap<Integer, T> arrived = new ConcurrentHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition ready = lock.newCondition();
    private volatile int next;
    private volatile int end = -1;
    private volatile boolean aborted;

    public InOrder(int window) {
        this.window = window;
        this.room = new Semaphore(window);
    }

    /** Waits for room to hand out one more number; false when aborted. */
    public boolean reserve() throws InterruptedException {
        room.acquire();
        return !aborted;
    }

    /** The result numbered {@code index} has arrived. */
    public void put(int index, T result) {
        arrived.put(index, result);
        if (index == next) {
            signal();
        }
    }

    /** Numbers {@code 0} to {@code count - 1} were handed out, and no more will be. */
    public void end(int count) {
        end = count;
        signal();
    }

    /** Hands out nothing more: {@link #next} returns null from now on, and {@link #reserve} false. */
    public void abort() {
        aborted = true;
        room.release(window + 1);
        signal();
    }

    private void signal() {
        lock.lock();
        try {
            ready.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The next result in order, once it has arrived; null after the last, or when aborted. */
    public T next() throws InterruptedException {
        lock.lock();
        try {
            while (true) {
                if (aborted) {
                    return null;
                }
                int n = next;
                T result = arrived.remove(n);
                if (result != null) {
                    next = n + 1;
                    room.release();
                    return result;
                }
                if (end >= 0 && n >= end) {
                    return null;
                }
                ready.await();
            }
        } finally {
            lock.unlock();
        }
    }
}
