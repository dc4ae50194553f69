import { html, nothing } from 'lit';
import type { Lang } from '../../schemas/types.js';
import { renderEditorNote } from '../diagnosis.js';
import { gatewayCitizenText, gatewayEditorText } from './gateway-diagnosis.js';
import { needsReload, problemText, reloadButton, type GatewayProblem, type StopReason } from './problem-texts.js';
import { st } from './texts.js';

/** Where sending stands: retrying after a failure, or stopped (`failed`); `noLeika`: the definition has no
 * LeiKa key, so it can never be sent. */
export interface SendingPhase {
  retrying: boolean;
  failed?: StopReason;
  noLeika?: boolean;
}

/**
 * The view while the application is on its way, or why it stopped: the reason worded for the person,
 * and where the gateway's answer shows the setup is wrong, a "Für die Redaktion" box as well.
 */
export function renderSendingPhase(
  lang: Lang,
  phase: SendingPhase,
  actions: { retryNow: () => void; back: () => void },
  /** E.g. the progress of the files being uploaded. */
  progress: unknown,
) {
  const f = phase.failed;
  if (phase.noLeika)
    return renderSending(
      lang,
      { retrying: false, failed: st(lang, 'sendNotSetUp'), plain: true },
      { ...actions, reload: nothing },
      nothing,
      renderEditorNote(lang, st(lang, 'sendNoLeika')),
    );
  const diagnosis = typeof f === 'object' && 'diagnosis' in f ? f.diagnosis : undefined;
  const failed = diagnosis
    ? gatewayCitizenText(lang, diagnosis, 'send')
    : typeof f === 'object'
      ? problemText(lang, f as GatewayProblem)
      : f;
  return renderSending(
    lang,
    { retrying: phase.retrying, failed, plain: diagnosis !== undefined },
    { ...actions, reload: needsReload(f) ? reloadButton(lang) : undefined },
    progress,
    diagnosis && renderEditorNote(lang, gatewayEditorText(lang, diagnosis)),
  );
}

/** While the application is on its way (or could not be sent). */
function renderSending(
  lang: Lang,
  /** `plain`: `failed` is a whole sentence of advice, not a reason to put into sendFailedHint. */
  state: { retrying: boolean; failed?: string; plain?: boolean },
  /** `reload`: shown instead of "try again" when only a reload can help (the form changed meanwhile). */
  actions: { retryNow: () => void; back: () => void; reload?: unknown },
  /** E.g. the progress of the files being uploaded. */
  progress: unknown = nothing,
  /** The "Für die Redaktion" box of a configuration mistake. */
  editorNote: unknown = nothing,
) {
  return html`<section class="submission" part="submission" aria-labelledby="submission-title">
    <h3 id="submission-title" class="step-title" tabindex="-1">
      ${st(lang, state.failed === undefined ? 'sending' : 'sendFailed')}
    </h3>
    <div role="status" aria-live="polite">
      ${state.failed === undefined && state.retrying ? html`<p class="notice">${st(lang, 'sendRetrying')}</p>` : nothing}
    </div>
    ${
      state.failed !== undefined
        ? html`<p class="error-message" role="alert">
            ${state.plain ? state.failed : st(lang, 'sendFailedHint', { reason: state.failed })}
          </p>`
        : html`<p>${st(lang, 'sendingHint')}</p>`
    }
    ${editorNote} ${progress}
    ${
      state.retrying || state.failed !== undefined
        ? html`<div class="actions">
            ${
              actions.reload ??
              html`<button type="button" class="primary" part="button button-primary" @click=${actions.retryNow}>
                ${st(lang, 'sendRetryNow')}
              </button>`
            }
            ${
              state.failed !== undefined
                ? html`<button type="button" class="secondary" part="button" @click=${actions.back}>
                    ${st(lang, 'backToReview')}
                  </button>`
                : nothing
            }
          </div>`
        : nothing
    }
  </section>`;
}
