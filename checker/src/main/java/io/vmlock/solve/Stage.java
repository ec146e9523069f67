package io.vmlock.solve;

/**
 * The constraint groups of the cycle feasibility model, added one at a time so that the first
 * group that makes the model unsatisfiable names the reason a cycle is dismissed.
 */
enum Stage {
    /** lockdep's strong path: no lock taken as a recursive reader is then held as a reader. */
    STRONG,
    /** Each segment of the cycle is run by a different thread. */
    THREADS,
    /** The instance each thread waits for is the instance the next one holds. */
    INSTANCES,
    /** No two threads hold the same lock instance (a common "gate" lock) at once. */
    GATES
}
