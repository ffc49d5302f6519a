// SPDX-License-Identifier: Apache-2.0
/**
 * The dataset engine (samples, fields, labels, views, stores). Its packages arrive with the
 * dataset issue; until then this module only fixes the dependency direction formats &lt;- core.
 */
package org.scanbase.core;
