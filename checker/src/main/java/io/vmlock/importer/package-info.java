/**
 * {@code vmlock import lockdep}: reads a lockdep report as people paste it (dmesg, syslog,
 * syzbot, mail) into a typed {@link io.vmlock.importer.Splat}, and writes a {@code .vmlock}
 * skeleton that replays it: {@link io.vmlock.importer.ReportLines} strips the noise,
 * {@link io.vmlock.importer.SplatParser} finds and reads the splat,
 * {@link io.vmlock.importer.LibraryNames} maps lockdep class names to the model library's, and
 * {@link io.vmlock.importer.SkeletonWriter} writes the scenario. Text in, text out: it depends only on
 * lockdep and verdict (the skeleton is checked like any scenario, by the pipeline).
 *
 * <p>May import: lockdep (how lockdep names a seqlock's classes), verdict (the ids of the verdicts
 * a skeleton expects).
 */
package io.vmlock.importer;
