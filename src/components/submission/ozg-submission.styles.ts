import { styles as formStyles } from '../form/ozg-form.styles.js';

/** The sending view and the receipt look like the form they replace: the same sheet (one
 * CSSStyleSheet shared by both shadow roots, no bytes twice). */
export const styles = formStyles;
