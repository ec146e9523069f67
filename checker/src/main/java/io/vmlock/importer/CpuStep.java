package io.vmlock.importer;

/** One step of lockdep's "Possible unsafe locking scenario" table: the CPU column and its text. */
public record CpuStep(int cpu, String action) {
}
