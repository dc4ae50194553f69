// Plain-DOM baseline: fetch the synthetic definition ?n=<fields>, build it, announce it the same way
// <ozg-form> does (an `ozg-ready` event that bubbles and is composed).
import { buildPlainForm } from './build-plain.js';

const n = new URLSearchParams(location.search).get('n') ?? '50';
const response = await fetch(`/forms/${encodeURIComponent(n)}.json`);
const definition = await response.json();
const host = document.getElementById('bench-host');
const root = document.createElement('div');
root.id = 'bench-root';
root.append(buildPlainForm(definition));
host.append(root);
root.dispatchEvent(new CustomEvent('ozg-ready', { bubbles: true, composed: true }));
