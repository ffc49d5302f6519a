// SPDX-License-Identifier: Apache-2.0
/**
 * The HTTP API and browser App. Its classes arrive with the App issue; until then this module
 * only fixes the dependency direction core &lt;- app.
 */
package org.scanbase.server;
