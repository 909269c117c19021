/**
 * {@code --local} and the test harness's Kubernetes: the in-memory API server or fabric8's mock server with the
 * operator's CRDs installed ({@link io.azureoperator.local.LocalKubernetes}), the samples, and the live view.
 */
package io.azureoperator.local;
