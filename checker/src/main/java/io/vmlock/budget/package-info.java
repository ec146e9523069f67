/**
 * What checking one file may spend: {@link io.vmlock.budget.Budget}, a deadline and a cap on
 * live data made once per file and asked by every phase (compiling, the lock-order graph pass,
 * the searches), and {@link io.vmlock.budget.StopSignal}, raised by SIGINT or SIGTERM. A phase that
 * finds the budget spent stops and says so ({@link io.vmlock.budget.BudgetExhausted}), and the
 * file's result is incomplete with what was found so far.
 *
 * <p>The lowest layer beside {@code verdict}: imports no other io.vmlock package.
 */
package io.vmlock.budget;
