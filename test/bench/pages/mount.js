// Puts one <ozg-form> for the synthetic form ?n=<fields> into #bench-host.
// ?load=property (default): fetch the definition and set the `schema` property;
// ?load=src: set the `src` attribute and let the element load it.
const params = new URLSearchParams(location.search);
const url = `/forms/${encodeURIComponent(params.get('n') ?? '50')}.json`;
const el = document.createElement('ozg-form');
el.setAttribute('lang', 'de');
if (params.get('load') === 'src') {
  el.setAttribute('src', url);
} else {
  const response = await fetch(url);
  el.schema = await response.json();
}
document.getElementById('bench-host').append(el);
