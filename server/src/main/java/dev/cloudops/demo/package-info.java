/**
 * The simulated demo cluster: realistic fixture objects, generated container logs and an in-process fabric8 mock
 * API server that serves both. Nothing else in the product depends on this package; only {@link
 * dev.cloudops.demo.DemoSeeder} touches the fabric8 client and mock server, everything else builds plain model
 * objects and text.
 */
package dev.cloudops.demo;
