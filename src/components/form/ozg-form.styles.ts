import { css } from 'lit';
import { tokens } from '../tokens.styles.js';

/**
 * The default look: sober, high-contrast, after the KERN UX / GOV.UK patterns. Everything a page may
 * change is a `--ozg-*` custom property or a `part`.
 */
export const styles = [
  tokens,
  css`
    :host {
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
      .actions {
        flex-direction: column;
        align-items: stretch;
      }
    }
    .draft-hint {
      font-size: 0.875rem;
      color: var(--_muted);
    }
    a {
      color: var(--_primary);
    }
    :focus-visible {
      outline: 3px solid var(--_focus);
      outline-offset: 2px;
    }
    input:focus-visible,
    select:focus-visible,
    textarea:focus-visible {
      outline-offset: 0;
      box-shadow: inset 0 0 0 1px var(--_focus);
    }

    /* panels */
    .error-summary {
      border: 0.3125rem solid var(--_error);
      padding: 1rem 1.25rem;
      margin: 0 0 1.5rem;
    }
    .error-summary:focus {
      outline: 3px solid var(--_focus);
      outline-offset: 2px;
    }
    .error-summary ul {
      margin: 0;
      padding-left: 1.25rem;
    }
    .error-summary a {
      color: var(--_error);
      font-weight: 700;
    }
    ozg-submission,
    ozg-payment {
      display: block;
    }

    .device-data {
      margin-top: 2rem;
    }

    .notice {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem 1rem;
      align-items: baseline;
      padding: 0.75rem 1rem;
      margin: 0 0 1rem;
      border-left: 0.3125rem solid var(--_primary);
      background: var(--_surface);
    }
    .notice p {
      margin: 0;
    }
    .notice.account-problem {
      border-left-color: var(--_error);
    }
    .notice.success {
      border-left-color: var(--_success);
    }
    .load-error {
      border: 0.3125rem solid var(--_error);
      padding: 1rem 1.25rem;
    }
    .load-error code {
      font-family: ui-monospace, monospace;
      overflow-wrap: anywhere;
    }
    .editor-note {
      border: 1px dashed currentColor;
      padding: 0.5rem 0.75rem;
      margin: 1rem 0;
      font-size: 0.9375rem;
      overflow-wrap: anywhere;
    }
    .editor-note p {
      margin: 0.25rem 0;
    }

    /* review */
    .review-section {
      margin: 0 0 1.5rem;
      padding-bottom: 1rem;
      border-bottom: 1px solid #c6ccd4;
    }
    .review-head {
      display: flex;
      flex-wrap: wrap;
      justify-content: space-between;
      align-items: baseline;
      gap: 0.5rem;
    }
    .review dl {
      margin: 0;
    }
    .review-row {
      display: grid;
      grid-template-columns: minmax(0, 2fr) minmax(0, 3fr);
      gap: 0.25rem 1rem;
      padding: 0.5rem 0;
      border-top: 1px solid #e1e4e8;
    }
    .review-row dt {
      font-weight: 700;
    }
    .review-row dd,
    .review-group > dd {
      margin: 0;
    }
    .review-group-title {
      font-weight: 700;
      padding-top: 0.75rem;
    }
    .review-group > dd {
      padding-left: 1rem;
      border-left: 3px solid #c6ccd4;
    }
    @container (max-width: 30rem) {
      .review-row {
        grid-template-columns: minmax(0, 1fr);
      }
    }

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
      :focus-visible {
        outline-color: Highlight;
      }
    }
  `,
];
