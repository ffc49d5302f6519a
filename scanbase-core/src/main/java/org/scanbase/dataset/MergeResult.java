// SPDX-License-Identifier: Apache-2.0
package org.scanbase.dataset;

/** What a merge did: samples inserted, merged into present ones, and skipped. */
public record MergeResult(long inserted, long merged, long skipped) {}
