import { css } from 'lit';
import { tokens } from '../tokens.styles.js';
import { panels } from './panels.styles.js';

/**
 * The default look: sober, high-contrast, after the KERN UX / GOV.UK patterns. Everything a page may
 * change is a `--ozg-*` custom property or a `part`.
 */
export const styles = [
  tokens,
  css`
    /* The containers of the few rules that follow the form's width (not the viewport's: a form may sit
       in a narrow column) are the small parts those rules style, never the whole form: a container
       around a thousand questions made the browser lay them out with their styles again (1,000
       fields: layout took about four times the baseline's). */
    .progress,
    .actions {
      container-type: inline-size;
    }
    h2,
    h3,
    h4 {
      line-height: 1.25;
      margin: 0 0 0.75rem;
    }
    .form-title {
      font-size: 1.75rem;
    }
    .step-title {
      font-size: 1.375rem;
      margin-top: 1rem;
    }
    .step-title:focus {
      outline: none;
    }
    .form-description,
    .step-description {
      margin: 0 0 1rem;
    }

    /* progress */
    .progress {
      margin: 0 0 1rem;
    }
    .progress-text {
      margin: 0 0 0.5rem;
      color: var(--_muted);
      font-weight: 600;
    }
    .progress-steps {
      display: flex;
      gap: 0.25rem;
      list-style: none;
      margin: 0;
      padding: 0;
      font-size: 0.875rem;
    }
    .progress-steps li {
      flex: 1 1 0;
      min-width: 0;
      padding-top: 0.5rem;
      border-top: 0.375rem solid #c6ccd4;
      color: var(--_muted);
    }
    .progress-steps li.done {
      border-top-color: var(--_primary);
    }
    .progress-steps li.current {
      border-top-color: var(--_primary);
      color: var(--_text);
      font-weight: 700;
    }
    @container (max-width: 36rem) {
      .progress-steps li {
        font-size: 0;
      }
    }

    /* questions */
    .field {
      margin: 0 0 1.5rem;
    }
    .field.has-error {
      border-left: 0.3125rem solid var(--_error);
      padding-left: 0.75rem;
    }
    label,
    legend {
      display: block;
      padding: 0;
      font-weight: 700;
      margin-bottom: 0.25rem;
    }
    .optional {
      font-weight: 400;
      color: var(--_muted);
    }
    .hint {
      color: var(--_muted);
      margin-bottom: 0.375rem;
    }
    .error-message {
      color: var(--_error);
      font-weight: 700;
      margin: 0 0 0.375rem;
    }
    /* A file question whose code is on its way: about the height of its rules and drop zone. */
    .file-wait {
      min-height: 9rem;
    }
    input:not([type='radio']):not([type='checkbox']),
    select,
    textarea {
      display: block;
      width: 100%;
      max-width: 32rem;
      min-height: 2.75rem;
      padding: 0.5rem 0.625rem;
      font: inherit;
      color: var(--_text);
      background: #ffffff;
      border: 2px solid var(--_border);
      border-radius: var(--_radius);
    }
    input.short {
      max-width: 14rem;
    }
    textarea {
      min-height: 7rem;
      resize: vertical;
    }
    .has-error input:not([type='radio']):not([type='checkbox']),
    .has-error select,
    .has-error textarea {
      border-color: var(--_error);
    }
    input[readonly],
    textarea[readonly] {
      background: var(--_surface);
      border-style: dashed;
    }
    fieldset {
      margin: 0;
      padding: 0;
      border: 0;
      min-width: 0;
    }
    .group {
      margin: 0 0 1.5rem;
    }
    .group > legend {
      font-size: 1.125rem;
      margin-bottom: 0.5rem;
    }
    .item {
      margin: 0 0 1rem;
      padding: 1rem;
      border: 1px solid #c6ccd4;
      border-left: 0.3125rem solid var(--_primary);
      border-radius: var(--_radius);
      background: var(--_surface);
    }
    .info {
      margin: 0 0 1.5rem;
      padding: 0.75rem 1rem;
      border-left: 0.3125rem solid #5b6370;
      background: var(--_surface);
    }
    .info > p {
      margin: 0;
    }
    .info > .info-title {
      font-weight: 700;
    }
    .list-item {
      display: flex;
      flex-wrap: wrap;
      align-items: flex-end;
      gap: 0 1rem;
    }
    .list-item > .field {
      margin-bottom: 0.5rem;
    }
    .item > legend {
      float: left;
      width: 100%;
      margin-bottom: 0.75rem;
    }
    .item > legend + * {
      clear: left;
    }
    .choices legend {
      margin-bottom: 0.5rem;
    }
    .choice {
      display: flex;
      align-items: flex-start;
      gap: 0.625rem;
      margin: 0 0 0.5rem;
    }
    .choice input {
      flex: none;
      width: 1.5rem;
      height: 1.5rem;
      margin: 0.0625rem 0 0;
      accent-color: var(--_primary);
    }
    .choice label {
      min-width: 0;
      overflow-wrap: anywhere;
      font-weight: 400;
      margin: 0;
    }
    .field > .choice label {
      font-weight: 700;
    }
    details.help {
      margin-top: 0.5rem;
    }
    details.help summary {
      color: var(--_primary);
      text-decoration: underline;
      cursor: pointer;
    }
    .help-body {
      margin-top: 0.5rem;
      padding: 0.75rem 1rem;
      border-left: 0.3125rem solid #c6ccd4;
      white-space: pre-line;
    }

    /* buttons */
    button {
      font: inherit;
      cursor: pointer;
      min-height: 2.75rem;
      border-radius: var(--_radius);
      padding: 0.5rem 1.25rem;
      border: 2px solid var(--_primary);
    }
    button.primary {
      background: var(--_primary);
      color: var(--_on-primary);
      font-weight: 700;
    }
    button.primary:hover {
      filter: brightness(0.85);
    }
    button.secondary {
      background: #ffffff;
      color: var(--_primary);
    }
    button.secondary:hover {
      background: var(--_surface);
    }
    button.link {
      min-height: auto;
      padding: 0;
      border: 0;
      background: none;
      color: var(--_primary);
      text-decoration: underline;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.75rem 1rem;
      align-items: center;
      margin: 2rem 0 1rem;
    }
    @container (max-width: 30rem) {
      /* One button per line, full width (the container is .actions itself). */
      .actions > * {
        flex: 1 1 100%;
      }
    }
    .draft-hint {
      font-size: 0.875rem;
      color: var(--_muted);
    }
    a {
      color: var(--_primary);
    }
    :focus-visible,
    [type='date']:focus-within {
      outline: 3px solid var(--_focus);
      outline-offset: 2px;
    }
    input:focus-visible,
    select:focus-visible,
    textarea:focus-visible,
    [type='date']:focus-within {
      outline-offset: 0;
      box-shadow: inset 0 0 0 1px var(--_focus);
    }
  `,
  // Panels (error summary, notices, the editor's note) and the review page: panels.styles.ts.
  panels,
  // Last, so that the user's settings win over everything above.
  css`
    @media (prefers-reduced-motion: reduce) {
      * {
        transition: none !important;
        animation: none !important;
        scroll-behavior: auto !important;
      }
    }
    @media (forced-colors: active) {
      .field.has-error,
      .error-summary,
      .load-error,
      .item,
      .notice {
        border-color: CanvasText;
      }
      button {
        border-color: ButtonText;
      }
      .progress-steps li.current,
      .progress-steps li.done {
        border-top-color: Highlight;
      }
      :focus-visible,
      [type='date']:focus-within {
        outline-color: Highlight;
      }
    }
  `,
];
