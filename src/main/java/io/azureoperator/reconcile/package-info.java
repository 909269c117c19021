/**
 * Deciding what to do with a resource, and when to look at it again. {@link io.azureoperator.reconcile.KindVerticle}
 * (one per kind) turns watch events and timed visits into runs through its {@link
 * io.azureoperator.reconcile.WorkQueue} and {@link io.azureoperator.reconcile.DueQueue};
 * {@link io.azureoperator.reconcile.Reconciler} is the one algorithm for every kind, driven by its descriptor, and
 * answers each run with an {@link io.azureoperator.model.Outcome}; {@link io.azureoperator.reconcile.Backoff} alone
 * times retries. ARM requests leave only through the budget (package {@code budget}).
 */
package io.azureoperator.reconcile;
