/**
 * Audit mode: loaded only when a form has the `audit` attribute or the page's address contains
 * `?ozg-audit` (a citizen's page never loads this chunk or axe-core). Places the report panel right
 * after the form, once per form.
 */
import { defineElement } from '../define.js';
import { OzgAuditPanel } from './audit-panel.js';

const panels = new WeakMap<HTMLElement, OzgAuditPanel>();

export function mountAudit(form: HTMLElement): OzgAuditPanel {
  defineElement('ozg-audit-panel', OzgAuditPanel);
  let panel = panels.get(form);
  if (!panel) {
    panel = document.createElement('ozg-audit-panel') as OzgAuditPanel;
    panel.form = form;
    panels.set(form, panel);
  }
  if (!panel.isConnected) form.after(panel);
  return panel;
}
