/**
 * The chosen files of other forms that nothing on this device leads to any more. The draft of a form
 * goes when any form page opens after its days (draft-store.ts: sweepExpired), but its files are in
 * IndexedDB, which only the code of file questions opens: so a file question, once per form and page, also
 * removes the files of every other form that has neither a draft nor a submission under way here. On a
 * shared computer (Bürgerbüro) an earlier person's scans (an identity card, a pay slip) then do not stay
 * until that person's form happens to be opened again.
 */
import { DRAFT_PREFIX } from '../drafts/draft-store.js';
import { readRaw } from '../storage/local.js';
import { submissionRecords } from '../storage/records.js';
import type { FileStore } from './upload-store.js';

/** Files kept less than this long ago are left alone even without a draft: a form open in another tab
 * keeps a file at once and writes its draft a moment later. */
export const ORPHAN_AFTER_MS = 60 * 60 * 1000;

/** Removes the files of the forms other than `current` that have no draft and no submission record on
 * this device; returns their form ids. Only files whose form keeps its drafts in localStorage are
 * judged by it (a deployment's own DraftStore keeps them elsewhere), and nothing when localStorage
 * cannot be read. Stores without `forms()` keep everything. */
export async function sweepOtherForms(store: FileStore, current: string, now = Date.now()): Promise<string[]> {
  const removed: string[] = [];
  if (!localStorageReadable()) return removed;
  for (const [formId, { newest, localDraft }] of (await store.forms?.()) ?? []) {
    if (formId === current || !localDraft || now - newest < ORPHAN_AFTER_MS) continue;
    if (readRaw(DRAFT_PREFIX + formId) !== undefined || submissionRecords.exists(formId)) continue;
    await store.removeAll(formId);
    removed.push(formId);
  }
  return removed;
}

/** (Not through storage/local.ts, "the one wrapper": a new export of the entry for this chunk costs
 * bytes of the fill-and-validate budget it does not have.) */
function localStorageReadable(): boolean {
  try {
    localStorage.getItem(DRAFT_PREFIX);
    return true;
  } catch {
    return false;
  }
}
