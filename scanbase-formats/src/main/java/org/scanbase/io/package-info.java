// SPDX-License-Identifier: Apache-2.0
/** Small file-system helpers shared by the readers and writers. */
package org.scanbase.io;
