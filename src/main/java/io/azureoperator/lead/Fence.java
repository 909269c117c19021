package io.azureoperator.lead;

import io.azureoperator.kube.ResourceCache;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Store;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;

/**
 * One leadership term's view of the informer caches. While the term is open it is the caches; once
 * {@link #close()}d it looks empty, so a reconcile started by that term's verticles after the term ended
 * (a retry timer, a queued key) finds nothing, forgets the resource and writes nothing. Reconciles already
 * running keep the copy they hold and meet the closed ARM gate instead.
 */
public final class Fence {
    private volatile boolean open = true;

    public boolean open() {
        return open;
    }

    public void close() {
        open = false;
    }

    /** A cache over {@code informers} that is empty once this fence is closed. */
    public ResourceCache cache(List<SharedIndexInformer<GenericKubernetesResource>> informers) {
        return new ResourceCache(informers.stream().map(this::fenced).toList());
    }

    @SuppressWarnings("unchecked")
    private SharedIndexInformer<GenericKubernetesResource> fenced(SharedIndexInformer<GenericKubernetesResource> i) {
        Store<GenericKubernetesResource> store = (Store<GenericKubernetesResource>) Proxy.newProxyInstance(
                Store.class.getClassLoader(), new Class<?>[] {Store.class}, (proxy, method, args) -> {
                    if (!open) {
                        switch (method.getName()) {
                            case "list", "listKeys" -> {
                                return List.of();
                            }
                            case "get", "getByKey" -> {
                                return null;
                            }
                            default -> {
                            }
                        }
                    }
                    return call(i.getStore(), method, args);
                });
        return (SharedIndexInformer<GenericKubernetesResource>) Proxy.newProxyInstance(
                SharedIndexInformer.class.getClassLoader(), new Class<?>[] {SharedIndexInformer.class},
                (proxy, method, args) -> method.getName().equals("getStore") && method.getParameterCount() == 0
                        ? store : call(i, method, args));
    }

    private static Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
