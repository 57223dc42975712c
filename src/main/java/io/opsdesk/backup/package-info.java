/**
 * Data backup and recovery (manual 3.4): backups of OpsDesk's own database and of configured targets
 * made with the databases' own tools, proven by test restores, and approved restores.
 */
package io.opsdesk.backup;
