/**
 * The knowledge base of manual 4.5: articles published from a verified resolution (task verify of
 * service-request), searched through {@code /api/knowledge} and offered to the handler on the
 * Diagnose form of a similar request.
 */
package io.opsdesk.knowledge;
