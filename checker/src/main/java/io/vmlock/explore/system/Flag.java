package io.vmlock.explore.system;

/** The per-thread flags of a state besides its stack: irqs off, saved irq flags, memalloc scopes. */
public enum Flag { IRQ, IRQ_SAVE, NOFS, NOIO, NORECLAIM, PAGEFAULT }
