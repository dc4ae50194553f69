import { css } from 'lit';

/**
 * What every ozg element shares: the `--ozg-*` custom properties a page may set (read into private
 * `--_*` names with their defaults), the host box, and the visually-hidden helper.
 */
export const tokens = css`
  :host {
    --_primary: var(--ozg-color-primary, #0b4f8a);
    --_on-primary: var(--ozg-color-primary-contrast, #ffffff);
    --_text: var(--ozg-color-text, #1b1b1b);
    --_muted: var(--ozg-color-muted, #4a4a4a);
    --_border: var(--ozg-color-border, #6f6f6f);
    --_error: var(--ozg-color-error, #b3001b);
    --_focus: var(--ozg-color-focus, #0f5fc2);
    --_surface: var(--ozg-color-surface, #f3f5f8);
    --_success: var(--ozg-color-success, #1e6b34);
    --_radius: var(--ozg-radius, 4px);
    display: block;
    max-width: var(--ozg-max-width, 48rem);
    color: var(--_text);
    font-family: var(--ozg-font-family, inherit);
    font-size: 1rem;
    line-height: 1.5;
    /* Long German compounds ("Hundehaftpflichtversicherung") are hyphenated where they must wrap,
       in the language of the element (its lang attribute or the page's); words under 12 letters move
       to the next line whole. A word that still does not fit (no dictionary for the language) breaks
       as a last resort instead of widening a 320 px screen (WCAG 1.4.10). */
    hyphens: auto;
    hyphenate-limit-chars: 12 5 5;
    overflow-wrap: break-word;
  }
  code,
  pre {
    hyphens: manual;
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  .visually-hidden {
    position: absolute !important;
    width: 1px !important;
    height: 1px !important;
    margin: 0 !important;
    padding: 0 !important;
    overflow: hidden !important;
    clip: rect(0 0 0 0) !important;
    clip-path: inset(50%) !important;
    white-space: nowrap !important;
    border: 0 !important;
  }
`;
