/**
 * Log output: the JSON encoder of LOG_FORMAT=json, which turns the "Kind namespace/name: " prefix every line about a
 * resource starts with into the fields kind, namespace and name.
 */
package io.azureoperator.logging;
