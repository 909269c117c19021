/**
 * Which Azure credential a resource is reconciled with (SPEC §4): the Secret named by its
 * {@code serviceoperator.azure.com/credential-from} annotation, else the {@code aso-credential} Secret of its
 * namespace, else the operator's global credential. A credential Secret is only ever used for resources in its
 * own namespace; changes to it are picked up without a restart.
 */
package io.azureoperator.credentials;
