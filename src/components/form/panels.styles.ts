import { css } from 'lit';

/** Panels of the form (error summary, notices, load errors, the editor's note) and the review page. */
export const panels = css`
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
  /* Buttons in a notice ("Ja, Daten löschen", "Abbrechen") on a line of their own, as wide as the
     notice: a flex item sized by its content would be as narrow as a size container's content (none). */
  .notice > .actions {
    flex: 1 1 100%;
    margin: 0.5rem 0 0;
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
  /* A long step title pushes "Ändern" onto a line of its own: it stays on the right. */
  .review-head > button {
    margin-left: auto;
  }
  .review {
    container-type: inline-size;
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
`;
