/**
 * An in-memory Kubernetes API server on Vert.x, faithful where the operator and its tests care, and fast enough
 * for tens of thousands of custom resources.
 *
 * <p>{@link io.azureoperator.apiserver.InMemoryApiServer} is the entry point: it serves plain HTTP that a fabric8
 * client (or kubectl with a plain-HTTP kubeconfig) can use, a direct Java API for seeding and reading, and test
 * knobs (drop every watch, forget the watch history so resumes get 410 Gone, fail the next N matching requests).
 * Behind the HTTP edge ({@code ApiHttpEdge}) everything is plain Java: {@code ApiPath} parses paths,
 * {@code ApiTypes} knows the served types (built-ins plus one per served version of each stored CRD),
 * {@code ObjectStore} holds every object once as encoded JSON ({@code StoredObject}) in a per-type map, assigns
 * the one global resourceVersion and fans events out to the type's {@code WatchHub}; {@code ObjectRules},
 * {@code JsonPatch}, {@code MergePatch} and {@code Selectors} are pure functions of JSON.
 *
 * <h2>Semantics kept</h2>
 * Create (uid, creationTimestamp, resourceVersion, generation for custom resources and CRDs, generateName,
 * namespace from the path; 409 AlreadyExists), update with resourceVersion preconditions (409 Conflict, also for
 * patches that carry one), generation bumped by any change outside metadata and status, the status subresource
 * (the main resource ignores status, {@code /status} changes status only), finalizers (delete marks
 * deletionTimestamp; removing the last finalizer deletes; no new finalizers on an object being deleted: 422),
 * garbage collection of ownerReferences (background propagation: once an owner is removed, each object of
 * any type whose ownerReferences name its uid is deleted as a client's DELETE would, finalizers holding it, unless
 * another owner is still there; owners are matched by kind, name and uid, namespaced ones in the dependent's
 * namespace; an object written with only gone owners is collected too; orphan propagation drops the references
 * first; foreground propagation holds the owner with the {@code foregroundDeletion} finalizer while its
 * dependents are deleted, until none with {@code blockOwnerDeletion} is left), no-op updates neither bump the
 * resourceVersion nor notify, JSON patch, JSON merge patch, label and field selectors, paginated lists, watches
 * over WebSocket or chunked HTTP with resume, bookmarks, selector transitions (an update moving an object out of
 * a watch's selector is a DELETED there), timeoutSeconds and 410 Expired.
 *
 * <h2>Not kept (known limitations)</h2>
 * <ul>
 *   <li>No namespace lifecycle (deleting a namespace deletes only the Namespace object; objects may be created
 *       in namespaces that do not exist), no admission, no schema validation, defaulting or pruning, no
 *       authentication or RBAC.</li>
 *   <li>Strategic merge patch is a JSON merge patch (no merge keys, no {@code $patch} directives: lists are
 *       replaced whole); server-side apply ({@code application/apply-patch+yaml}) answers 415; no managedFields.</li>
 *   <li>No version conversion: an object keeps the apiVersion it was written with, whichever served version of
 *       its CRD is used to read it. Core and events.k8s.io Events are stored separately.</li>
 *   <li>List pages after the first are read from the current state, not from the first page's snapshot.</li>
 *   <li>Graceful deletion (gracePeriodSeconds) and dry runs are accepted and ignored; the garbage collector
 *       acts at once, under the write lock, where the real one takes a moment (so the orphan finalizer is never
 *       seen, and foregroundDeletion only while a dependent blocks); a delete-collection propagates in the
 *       background whatever its options say.</li>
 *   <li>Only the built-in types listed in {@code ApiTypes} are served (no pods, services, ...); the deprecated
 *       {@code /watch/} paths are not; a "default" Namespace exists from the start.</li>
 *   <li>The one lock serialises writes: fine for a test or a benchmark client, not a multi-core server.</li>
 *   <li>The watch history is a count of events per type ({@link io.azureoperator.apiserver.InMemoryApiServer#HISTORY_PER_TYPE}),
 *       not a time window.</li>
 * </ul>
 */
package io.azureoperator.apiserver;
