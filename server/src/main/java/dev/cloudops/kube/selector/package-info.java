/**
 * Kubernetes label and field selectors, parsed and evaluated locally with the grammar and the validation of
 * kube-apiserver ({@code k8s.io/apimachinery/pkg/labels} and {@code pkg/fields}).
 *
 * <p>The server filters objects held in informer caches, so a selector must select exactly what the API server
 * would select and must reject what it rejects. {@link dev.cloudops.kube.selector.LabelSelector} and {@link
 * dev.cloudops.kube.selector.FieldSelector} are the public types; errors are {@link
 * dev.cloudops.kube.selector.InvalidSelectorException}. The package depends on nothing but the JDK.
 */
package dev.cloudops.kube.selector;
