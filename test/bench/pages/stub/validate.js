// Lazily loaded "validation" of the stub element: marks a text field invalid when it is shorter
// than two characters, and shows the message next to it.
export function validateField(field) {
  if (!(field instanceof HTMLInputElement)) return;
  const invalid = field.value.length > 0 && field.value.length < 2;
  field.setAttribute('aria-invalid', String(invalid));
  let message = field.nextElementSibling;
  if (!message?.classList.contains('error')) {
    message = document.createElement('p');
    message.className = 'error';
    field.after(message);
  }
  message.textContent = invalid ? 'Fehler: Bitte mindestens zwei Zeichen eingeben.' : '';
}
