/**
 * Reload without downtime: what changed between the running state and the files (config keys,
 * users), whether it may change at run time, and the running users a reload swaps. No I/O but
 * {@link dev.braid.core.reload.FileWatch}'s polling of a file's stamp.
 */
package dev.braid.core.reload;
