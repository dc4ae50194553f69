import { css } from 'lit';

/**
 * The login bar's own look, added to the form's shadow root when `<ozg-account>` arrives (the bar
 * itself uses the form's `.notice` and buttons). The dialog sits in the top layer but inherits the
 * form's custom properties.
 */
export const accountStyles = css`
  .account-until {
    display: block;
    font-size: 0.875rem;
    color: var(--_muted, #4a4a4a);
  }
  .account-editor {
    margin: -0.5rem 0 1rem;
    padding: 0.5rem 1rem;
    border: 1px dashed var(--_border, #6f6f6f);
    font-size: 0.875rem;
    overflow-wrap: anywhere;
  }
  .account-expiry {
    box-sizing: border-box;
    width: min(32rem, calc(100vw - 2rem));
    max-height: calc(100dvh - 2rem);
    overflow: auto;
    padding: 1.25rem 1.5rem;
    border: 0.3125rem solid var(--_primary, #0b4f8a);
    border-radius: var(--_radius, 4px);
    background: #ffffff;
    color: var(--_text, #1b1b1b);
  }
  .account-expiry::backdrop {
    background: rgb(0 0 0 / 0.6);
  }
  .account-expiry h2 {
    font-size: 1.375rem;
  }
  .account-expiry p {
    margin: 0 0 0.75rem;
  }
  .account-expiry .actions {
    margin: 1.25rem 0 0;
  }
  @media (max-width: 30rem) {
    .account-expiry {
      padding: 1rem;
    }
    .account-expiry .actions {
      flex-direction: column;
      align-items: stretch;
    }
  }
`;
