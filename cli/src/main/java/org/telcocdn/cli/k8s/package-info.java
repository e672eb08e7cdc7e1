/**
 * The topology file as Kubernetes manifests ({@code cdn topology k8s --out DIR}, docs/topology.md):
 * {@link org.telcocdn.cli.k8s.KustomizeTree} writes a Kustomize base and one overlay per site;
 * {@link org.telcocdn.cli.k8s.ClusterTopology} is the topology as a cluster runs it (the
 * cache-index members named after their StatefulSet's pods), {@link
 * org.telcocdn.cli.k8s.ClusterEndpoints} how the services find each other there, so that {@link
 * org.telcocdn.cli.Wiring}, the class {@code cdn up} wires with, gives every ConfigMap; {@code
 * ServiceObjects}, {@code IndexObjects} and {@code PodTemplate} build the objects, {@link
 * org.telcocdn.cli.k8s.RoleProfile} says per role what a pod asks for and keeps.
 */
package org.telcocdn.cli.k8s;
