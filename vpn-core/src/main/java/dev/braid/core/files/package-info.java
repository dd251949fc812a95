/** Files that operators create and Braid reads or writes: the messages when they are not usable. */
package dev.braid.core.files;
