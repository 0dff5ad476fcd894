/** {@code cloudops login}: obtain or check a bearer token and save it with the server URL. */
package dev.cloudops.cli.auth;
