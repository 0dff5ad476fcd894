/**
 * What every command shares: the process environment ({@link dev.cloudops.cli.core.CliContext}), the saved
 * login ({@link dev.cloudops.cli.core.ConfigStore}), the REST client with its RFC 9457 error translation
 * ({@link dev.cloudops.cli.core.ApiClient}) and the table/json/yaml printers. Commands live in feature
 * packages next to this one and depend on it, never the other way round.
 */
package dev.cloudops.cli.core;
