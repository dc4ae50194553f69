import { css } from 'lit';

// Fixed colours (not the host's --ozg-* ones): the panel must stay readable even when the theme it
// reports on has too little contrast.
export const styles = css`
  :host {
    display: block;
    margin: 2rem 0;
    color: #1b1b1b;
    font-family: var(--ozg-font-family, inherit);
    max-width: var(--ozg-max-width, 48rem);
  }
  section {
    border: 3px solid #5a2d82;
    border-radius: 4px;
    background: #fff;
    padding: 1rem;
  }
  h2 {
    margin-top: 0;
    font-size: 1.35rem;
    hyphens: auto;
  }
  section {
    hyphens: auto;
  }
  h3 {
    font-size: 1.15rem;
    margin: 1.5rem 0 0.5rem;
  }
  h3:focus {
    outline: 3px solid #5a2d82;
    outline-offset: 2px;
  }
  h4 {
    font-size: 1rem;
    margin: 0 0 0.25rem;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    margin: 1rem 0;
  }
  button {
    font: inherit;
    padding: 0.5rem 1rem;
    border-radius: 4px;
    border: 2px solid #5a2d82;
    background: #fff;
    color: #5a2d82;
    cursor: pointer;
  }
  button.primary {
    background: #5a2d82;
    color: #fff;
  }
  button:focus-visible {
    outline: 3px solid #1b1b1b;
    outline-offset: 2px;
  }
  /* Busy: aria-disabled, not disabled, so a keyboard user keeps the focus on the button. */
  button[aria-disabled='true'] {
    cursor: default;
    opacity: 0.75;
  }
  .finding {
    border-top: 1px solid #6f6f6f;
    padding: 0.75rem 0;
  }
  dl {
    margin: 0;
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 0.25rem 0.75rem;
  }
  dt {
    font-weight: 600;
  }
  dd {
    margin: 0;
    min-width: 0;
    overflow-wrap: anywhere;
  }
  code {
    font-size: 0.875rem;
    overflow-wrap: anywhere;
  }
  .host {
    background: #fff4ce;
    padding: 0.25rem 0.5rem;
  }
  a {
    color: #5a2d82;
  }
  a:focus-visible {
    outline: 3px solid #1b1b1b;
  }
  .bad {
    color: #9b0016;
  }
  @media (max-width: 30rem) {
    dl {
      grid-template-columns: 1fr;
    }
    dd {
      margin-bottom: 0.5rem;
    }
  }
`;
