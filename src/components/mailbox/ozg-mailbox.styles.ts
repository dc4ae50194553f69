import { css } from 'lit';
import { tokens } from '../tokens.styles.js';

/** Same look and custom properties as <ozg-form>. */
export const styles = [
  tokens,
  css`
    h2,
    h3 {
      line-height: 1.25;
      margin: 1.5rem 0 0.75rem;
    }
    h2 {
      font-size: 1.75rem;
      margin-top: 0;
    }
    h3 {
      font-size: 1.25rem;
    }
    h2:focus {
      outline: none;
    }
    .mono {
      font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
      overflow-wrap: anywhere;
    }
    .problem {
      border-left: 5px solid var(--_error);
      padding: 0.75rem 1rem;
      background: var(--_surface);
    }
    .problem:focus {
      outline: 3px solid var(--_focus);
      outline-offset: 2px;
    }
    .problem-title {
      font-weight: 700;
      margin: 0 0 0.5rem;
    }
    .timeline {
      list-style: none;
      margin: 0 0 1rem;
      padding: 0;
      counter-reset: step;
    }
    .step {
      position: relative;
      padding: 0 0 1rem 2.25rem;
      border-left: 2px solid var(--_border);
      margin-left: 1rem;
      display: flex;
      flex-direction: column;
    }
    .step:last-child {
      border-left-color: transparent;
    }
    .step::before {
      content: '';
      position: absolute;
      left: -0.6875rem; /* centred on the 2px line */
      top: 0.1rem;
      width: 1.25rem;
      height: 1.25rem;
      border-radius: 50%;
      border: 2px solid var(--_border);
      background: #fff;
    }
    .step.done::before {
      background: var(--_muted);
      border-color: var(--_muted);
    }
    .step.current::before {
      background: var(--_primary);
      border-color: var(--_primary);
      box-shadow:
        0 0 0 3px #fff,
        0 0 0 5px var(--_primary);
    }
    .step-label {
      font-weight: 600;
    }
    .step.current .step-label {
      font-weight: 700;
    }
    .step-time {
      color: var(--_muted);
      font-size: 0.9375rem;
    }
    .messages {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    .message {
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      padding: 0.75rem 1rem;
      margin: 0 0 0.75rem;
      background: #fff;
    }
    .message.out {
      background: var(--_surface);
    }
    .message p {
      margin: 0 0 0.5rem;
    }
    .message .text {
      white-space: pre-wrap;
      margin: 0;
    }
    .bescheid h4 {
      font-size: 1.125rem;
      margin: 0 0 0.5rem;
    }
    .bescheid .kind {
      color: var(--_muted);
      font-size: 0.9375rem;
      font-weight: 700;
      margin: 0;
    }
    .bescheid .text {
      margin: 0 0 0.75rem;
      max-width: 70ch;
    }
    .meta {
      color: var(--_muted);
      font-size: 0.9375rem;
    }
    label {
      display: block;
      font-weight: 700;
      margin-bottom: 0.25rem;
    }
    .hint {
      color: var(--_muted);
      margin: 0 0 0.5rem;
    }
    .error {
      color: var(--_error);
      font-weight: 700;
      margin: 0 0 0.5rem;
    }
    textarea {
      display: block;
      width: 100%;
      font: inherit;
      color: inherit;
      padding: 0.5rem;
      border: 2px solid var(--_border);
      border-radius: var(--_radius);
      margin-bottom: 0.75rem;
    }
    textarea[aria-invalid='true'] {
      border-color: var(--_error);
    }
    button {
      font: inherit;
      font-weight: 700;
      padding: 0.5rem 1.25rem;
      min-height: 2.75rem;
      border: 2px solid var(--_primary);
      border-radius: var(--_radius);
      background: var(--_primary);
      color: var(--_on-primary);
      cursor: pointer;
    }
    button[disabled] {
      opacity: 0.7;
      cursor: progress;
    }
    button:focus-visible,
    textarea:focus-visible {
      outline: 3px solid var(--_focus);
      outline-offset: 2px;
    }
    @media (forced-colors: active) {
      .step::before {
        forced-color-adjust: none;
        background: CanvasText;
      }
      .step.open::before {
        background: Canvas;
        border-color: CanvasText;
      }
    }
  `,
];
