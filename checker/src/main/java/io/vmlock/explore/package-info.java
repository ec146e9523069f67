/**
 * The explorer: every interleaving of a lowered scenario, searched for deadlocks, hangs,
 * livelocks, sleeps in atomic context, locks left held and broken invariants. Two engines define
 * one state graph: the reference semantics (readable, the definition) and the compiled engine
 * (fast, used whenever the scenario compiles); tests check them against each other.
 *
 * <p>Files by role:
 * <ul>
 *   <li>Reference semantics, on decoded states: {@code Semantics}, {@code Successors},
 *       {@code ControlFlow}, {@code Steps}, {@code LockSteps}, {@code Atomic}, {@code State},
 *       {@code ThreadState}, {@code Frame}, {@code FrameValues}, {@code Layout}, {@code Move},
 *       {@code Names}.</li>
 *   <li>Compiled engine: {@code system/} compiles the scenario to guarded commands;
 *       {@code CompiledModel}, {@code Action}, {@code Eval} and {@code Packing} run them on
 *       bit-packed states; {@code CompiledSearch}, {@code Expander}, {@code Expansion},
 *       {@code Workers} and {@code PackedStore} search them in parallel; {@code Bridge} converts
 *       its states to the reference ones; {@code PartialOrder}, {@code StubbornSets} and
 *       {@code Access} are its partial-order reduction.</li>
 *   <li>Judging findings: {@code Problem}, {@code Problems}, {@code WaitFor}, {@code Blocker},
 *       {@code EventWriters} and {@code CodeContexts} (who can bring a wait's event about),
 *       {@code Livelock}, {@code CompiledFindings}.</li>
 *   <li>Orchestration and search: {@code Explorer} (picks the engine, runs the checks),
 *       {@code Exploration} (what a search leaves), {@code Search} (the reference search),
 *       {@code StateCodec}, {@code StateStore}, {@code Transitions}, {@code Traces},
 *       {@code Symmetry}, {@code Limits}, {@code ReductionNotes}, {@code IntList}.</li>
 * </ul>
 *
 * <p>May import: ast, budget, findings, graph (for {@link io.vmlock.graph.SimpleCycles}), ir, verdict.
 */
package io.vmlock.explore;
