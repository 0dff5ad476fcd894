/**
 * Files in containers: browse, stat, download (a file, a directory or several paths as one tar stream), upload
 * (multipart or tar, extracted in a staging directory and moved into place only when the whole archive was
 * valid), edit text with a checksum precondition, mkdir, rename, delete, chmod, chown, find and grep. Every
 * operation runs argv arrays (or constant {@code sh} scripts taking their inputs as positional parameters) through
 * the exec subresource, so it works in any image with a POSIX shell and core utilities, BusyBox included.
 */
package dev.cloudops.container.files;
