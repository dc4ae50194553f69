import { html } from 'lit';
import { t } from '../../modules/i18n/ui-texts.js';
import type { Lang } from '../../schemas/types.js';

export interface DeviceDataView {
  lang: Lang;
  /** The confirmation is open. */
  asking: boolean;
  ask: () => void;
  cancel: () => void;
  confirm: () => void;
}

/**
 * "Daten auf diesem Gerät löschen" (a shared computer in a Bürgerbüro): a link-like button at the foot
 * of the form that asks first, in place (no modal), then removes what this form keeps on the device.
 */
export function renderDeviceData(view: DeviceDataView) {
  const { lang } = view;
  if (!view.asking) {
    return html`<div class="device-data" part="device-data">
      <button type="button" class="link" part="button" id="device-data-open" @click=${view.ask}>
        ${t(lang, 'deviceForget')}
      </button>
    </div>`;
  }
  return html`<div class="device-data notice" part="device-data" role="group" aria-labelledby="device-data-question">
    <p id="device-data-question" tabindex="-1">${t(lang, 'deviceForgetQuestion')}</p>
    <div class="actions">
      <button type="button" class="primary" part="button button-primary" @click=${view.confirm}>
        ${t(lang, 'deviceForgetConfirm')}
      </button>
      <button type="button" class="secondary" part="button" @click=${view.cancel}>
        ${t(lang, 'deviceForgetCancel')}
      </button>
    </div>
  </div>`;
}
