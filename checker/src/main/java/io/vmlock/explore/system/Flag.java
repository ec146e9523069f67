package io.vmlock.explore.system;

/**
 * The per-thread flags of a state besides its stack: irqs off, saved irq flags, memalloc scopes,
 * and {@code BH}, the depth of softirq masking (local_bh_disable, spin_lock_bh, a softirq running).
 */
public enum Flag { IRQ, IRQ_SAVE, NOFS, NOIO, NORECLAIM, PAGEFAULT, BH }
