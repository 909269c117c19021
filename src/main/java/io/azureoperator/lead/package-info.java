/**
 * Leader election: {@link io.azureoperator.lead.Leadership} is the one gate the ARM client checks before the
 * budget and again on the wire; {@link io.azureoperator.lead.LeaderElection} follows the Lease; a
 * {@link io.azureoperator.lead.Fence} makes what a retired term still runs find nothing to do.
 */
package io.azureoperator.lead;
