// The answers of an application as the applicant saw them (rows computed by the server from the
// published form, src/schemas/answer-rows.ts): one list per step. Texts come from the definition,
// so they are set with textContent only, never as HTML.
export function renderAnswers(container, rows) {
  container.replaceChildren();
  if (!rows?.length) return;
  let list;
  let section;
  for (const row of rows) {
    if (!list || row.section !== section) {
      section = row.section;
      if (section) {
        const h = document.createElement('h4');
        h.textContent = section;
        container.append(h);
      }
      list = document.createElement('dl');
      list.className = 'answers';
      container.append(list);
    }
    const dt = document.createElement('dt');
    dt.textContent = row.label;
    const dd = document.createElement('dd');
    dd.textContent = row.value;
    list.append(dt, dd);
  }
}
