/**
 * The Kubernetes edge: the operator's fabric8 client on its own Vert.x ({@link
 * io.azureoperator.kube.KubernetesClients}), informer callbacks onto the event bus ({@link
 * io.azureoperator.kube.InformerBridge}, which tells a changed resource only to the kinds that may depend on it:
 * {@link io.azureoperator.kube.DependencyListeners}), the trimmed informer caches, writes of custom resources with
 * their resourceVersion ({@link io.azureoperator.kube.CrStore}, sent asynchronously by {@link
 * io.azureoperator.kube.KubernetesRequests}; other fabric8 calls block and run on the {@code kube-io} pool), the
 * operator's own writes remembered until the cache catches up ({@link io.azureoperator.kube.OwnWrites}), Events,
 * and the Namespace reconcile policies.
 */
package io.azureoperator.kube;
