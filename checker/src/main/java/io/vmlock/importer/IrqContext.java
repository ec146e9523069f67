package io.vmlock.importer;

/**
 * The interrupt context a report's lockdep state names (lockdep_states.h: HARDIRQ, SOFTIRQ), as
 * a skeleton writes it: the handler that stands for it and the calls that keep it out. A softirq
 * is its own handler kind, masked by local_bh_disable (kernel/softirq.c, __local_bh_disable_ip),
 * not by local_irq_disable.
 */
enum IrqContext {
    HARDIRQ("interrupt", "irq", "local_irq_disable();", "local_irq_enable();", "interrupts"),
    SOFTIRQ("softirq", "softirq", "local_bh_disable();", "local_bh_enable();", "softirqs");

    /** The declaration keyword of the handler. */
    final String handler;
    /** The stem of the handler's name. */
    final String name;
    final String mask;
    final String unmask;
    /** What is enabled or off, in a comment: "interrupts", "softirqs". */
    final String words;

    IrqContext(String handler, String name, String mask, String unmask, String words) {
        this.handler = handler;
        this.name = name;
        this.mask = mask;
        this.unmask = unmask;
        this.words = words;
    }

    /** The context of a report's state: SOFTIRQ, or a hard interrupt for HARDIRQ (and any state lockdep may add). */
    static IrqContext of(String state) {
        return state.equals("SOFTIRQ") ? SOFTIRQ : HARDIRQ;
    }
}
